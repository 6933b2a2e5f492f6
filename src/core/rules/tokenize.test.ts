import { describe, expect, it } from 'vitest';
import { SENTENCE_GAP, tokenize } from './tokenize.js';

const keys = (text: string): string[] => tokenize(text).map((t) => t.key);

describe('tokenize', () => {
  it.each([
    ['U.S. and U.K. officials', ['us', 'and', 'uk', 'officials']],
    ['the G-20 and G-7 meetings', ['the', 'g20', 'and', 'g7', 'meetings']],
    ['US–Japan talks — again', ['us', 'japan', 'talks', 'again']],
    ['Japan’s and Japan\'s tariffs', ['japan', 'and', 'japan', 'tariffs']],
    ['don’t stop, O\'Neill', ["don't", 'stop', "o'neill"]],
    ['9.79 trillion, 1,000 cars', ['9.79', 'trillion', '1000', 'cars']],
    ['U.S.PROTECTIONISM S.KOREA', ['us', 'protectionism', 's', 'korea']],
    ['Ｇ２０ ＦＸ', ['g20', 'fx']],
    ['Café CAFÉ', ['café', 'café']],
  ])('%s', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it('keeps the exact form of abbreviations and acronyms for case-sensitive terms', () => {
    expect(tokenize('the U.S. and G-20, VFX').map((t) => t.raw)).toEqual(['the', 'US', 'and', 'G20', 'VFX']);
  });

  it('gives offsets into the text, so a hit shows what stood there', () => {
    const text = 'Talks with the U.S. resumed';
    const us = tokenize(text)[3]!;
    expect(text.slice(us.start, us.end)).toBe('U.S.');
  });

  it('splits Japanese into characters, with word positions from Intl.Segmenter', () => {
    const tokens = tokenize('日米の関税交渉');
    expect(tokens.map((t) => t.key)).toEqual(['日', '米', 'の', '関', '税', '交', '渉']);
    // every character is its own token (phrases need consecutive seq) …
    expect(tokens.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // … while NEAR counts words: characters of one word share a position
    const pos = tokens.map((t) => t.pos);
    expect(pos[3]).toBe(pos[4]); // 関税
    expect(pos[5]).toBe(pos[6]); // 交渉
    expect(pos[5]! - pos[3]!).toBe(1);
  });

  it('separates Latin and Japanese runs', () => {
    expect(keys('G20財務相会議でVFXの話')).toEqual(['g20', '財', '務', '相', '会', '議', 'で', 'vfx', 'の', '話']);
  });

  it('moves the word position past any NEAR distance at a sentence end, but not after Mr. or Jan.', () => {
    const t = tokenize('Tariffs rose. Japan said. Mr. Abe met on Jan. 5 officials');
    const pos = Object.fromEntries(t.map((x) => [x.key, x.pos]));
    expect(pos.japan! - pos.rose!).toBeGreaterThan(SENTENCE_GAP);
    expect(pos.abe! - pos.mr!).toBe(1);
    expect(pos['5']! - pos.jan!).toBe(1);
  });

  it('treats a blank line and 。 as sentence ends', () => {
    const para = tokenize('one\n\ntwo');
    expect(para[1]!.pos - para[0]!.pos).toBeGreaterThan(SENTENCE_GAP);
    const ja = tokenize('円安。円高');
    expect(ja[2]!.pos - ja[1]!.pos).toBeGreaterThan(SENTENCE_GAP);
  });
});
