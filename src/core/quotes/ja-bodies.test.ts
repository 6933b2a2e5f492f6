/**
 * 同社 / 同省 / 同行 point back to the latest organisation of their kind named before them.
 */
import { describe, expect, it } from 'vitest';
import { sameBodyBefore } from './ja-bodies.js';

describe('sameBodyBefore', () => {
  const body = '桜木精工は新工場を発表した。米商務省と日本銀行も動いた。石破茂首相は会見した。同社は';
  const at = body.length;

  it('finds the latest company that opens a sentence, passing over people', () => {
    expect(sameBodyBefore('同社', body, at, [])).toBe('桜木精工');
  });

  it('finds a ministry or a bank by its ending', () => {
    expect(sameBodyBefore('と同省', body, at, [])).toBe('米商務省');
    expect(sameBodyBefore('同行', body, at, [])).toBe('日本銀行');
  });

  it('looks only before the mention, and only at 同X', () => {
    expect(sameBodyBefore('同社', body, 3, [])).toBeNull();
    expect(sameBodyBefore('同省', '同省は', 0, [])).toBeNull();
    expect(sameBodyBefore('桜木精工', body, at, [])).toBeNull();
  });
});
