/**
 * Japanese person mentions read from their end: titles off, names with kana kept whole, titles used
 * alone pointing back to their latest holder.
 */
import { describe, expect, it } from 'vitest';
import { mentionAtEnd, peopleIn, pointsBack, titleAtEnd } from './ja-people.js';

describe('titleAtEnd', () => {
  it.each([
    ['杉浦みのり主席エコノミスト', '主席エコノミスト'],
    ['関口亮太チーフ為替ストラテジスト', 'チーフ為替ストラテジスト'],
    ['石破茂首相', '首相'],
    ['植田和男日銀総裁', '日銀総裁'],
    ['関口氏', '氏'],
    ['石破茂', null],
  ])('%s → %s', (s, title) => {
    expect(titleAtEnd(s)).toBe(title);
  });
});

describe('mentionAtEnd', () => {
  it.each([
    ['第一生命経済研究所の杉浦みのり主席エコノミスト', '杉浦みのり'],
    ['エコノミストの杉浦みのり氏', '杉浦みのり'],
    ['トヨタ自動車の佐藤恒治社長', '佐藤恒治'],
    ['十倉雅和経団連会長', '十倉雅和'],
    ['しらかわ経済研究所のやまぐち健太研究員', 'やまぐち健太'],
    ['と関口亮太氏', '関口亮太'],
  ])('%s names %s', (s, name) => {
    expect(mentionAtEnd(s, [])).toEqual(expect.objectContaining({ kind: 'name', name }));
  });

  it('takes a full name the article gave elsewhere, untitled', () => {
    expect(mentionAtEnd('その後、森みのり', ['森みのり'])).toEqual({ kind: 'name', name: '森みのり', title: null });
    expect(mentionAtEnd('その後、森みのり', [])).toBeNull();
  });

  it.each([
    ['首相', '首相', false],
    ['。総裁', '総裁', false],
    ['同氏', '氏', true],
    ['同相', '相', true],
    ['同社長', '社長', true],
  ])('%s is a title alone', (s, title, same) => {
    expect(mentionAtEnd(s, [])).toEqual({ kind: 'back', title, same });
  });

  it.each(['米通商代表部の報道官', '桜木精工の社長', '同社', '報告書', '千葉県の60代の男性', '東京都内に住む'])('%s names no person', (s) => {
    expect(mentionAtEnd(s, [])).toBeNull();
  });

  it('never names a one-character fragment', () => {
    expect(mentionAtEnd('首相', [])).not.toEqual(expect.objectContaining({ kind: 'name' }));
    expect(mentionAtEnd('の森みのりアナリスト', [])).toEqual(expect.objectContaining({ name: '森みのり' }));
  });
});

describe('peopleIn and pointsBack', () => {
  const body = '石破茂首相は会見した。林芳正官房長官も出席した。加藤勝信財務相は欠席した。エコノミストの杉浦みのり氏は円安をみる。';
  const people = peopleIn(body, []);

  it('indexes each titled person where they appear', () => {
    expect(people.map((p) => [p.name, p.title])).toEqual([
      ['石破茂', '首相'],
      ['林芳正', '官房長官'],
      ['加藤勝信', '財務相'],
      ['杉浦みのり', '氏'],
    ]);
  });

  it('resolves a title alone to its latest holder before the mention', () => {
    const end = body.length;
    expect(pointsBack({ kind: 'back', title: '首相', same: false }, end, people)).toBe('石破茂');
    expect(pointsBack({ kind: 'back', title: '長官', same: false }, end, people)).toBe('林芳正');
    expect(pointsBack({ kind: 'back', title: '相', same: true }, end, people)).toBe('加藤勝信');
    expect(pointsBack({ kind: 'back', title: '氏', same: true }, end, people)).toBe('杉浦みのり');
    expect(pointsBack({ kind: 'back', title: '総裁', same: false }, end, people)).toBeNull();
    // nobody holds 首相 before the start of the text
    expect(pointsBack({ kind: 'back', title: '首相', same: false }, 0, people)).toBeNull();
  });
});
