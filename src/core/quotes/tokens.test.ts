import { describe, expect, it } from 'vitest';
import { tokenize } from './tokens.js';

const words = (text: string): string[] => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it.each([
    ['acronyms keep their stops', 'The U.S. and A.B.M. Mostafa', ['The', 'U.S.', 'and', 'A.B.M.', 'Mostafa']],
    ['titles keep their stop', 'Mr. Abe met Sen. Holt.', ['Mr.', 'Abe', 'met', 'Sen.', 'Holt', '.']],
    ['an initial before a name keeps its stop', 'John F. Kennedy', ['John', 'F.', 'Kennedy']],
    ['a sentence stop is its own token', 'He left. Then', ['He', 'left', '.', 'Then']],
    ['joined words stay whole', "O'Reilly of Chao-Ming and AT&T paid 2.5 pct", ["O'Reilly", 'of', 'Chao-Ming', 'and', 'AT&T', 'paid', '2.5', 'pct']],
    ['possessives are cut off the word', "Japan's and Tokyo’s and dlrs' worth", ['Japan', 'and', 'Tokyo', 'and', 'dlrs', 'worth']],
    ['punctuation and brackets', 'Hitachi Ltd <HIT.T>, said', ['Hitachi', 'Ltd', '<', 'HIT.T', '>', ',', 'said']],
    ['accented and non-Latin letters', 'Jörg Kukies and Société Générale', ['Jörg', 'Kukies', 'and', 'Société', 'Générale']],
  ])('%s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('marks masked quotations, capitals, possessives and offsets', () => {
    const text = '"·····," Kato\'s aide said';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.kind)).toEqual(['punct', 'quote', 'punct', 'punct', 'word', 'word', 'word']);
    const kato = tokens[4]!;
    expect([kato.text, kato.lower, kato.cap, kato.poss]).toEqual(['Kato', 'kato', true, true]);
    expect(text.slice(kato.start, kato.end)).toBe("Kato's");
    expect(tokens[5]!.cap).toBe(false);
  });

  it('tokenizes a slice with offsets into the whole text', () => {
    const tokens = tokenize('one two three', 4, 7);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ text: 'two', start: 4, end: 7 });
  });
});
