import { describe, expect, it } from 'vitest';
import { buildRegistry, capRuns, joinOfficialNames, nameTail, runText } from './names.js';
import { tokenize } from './tokens.js';

const tails = (text: string): string[] => {
  const tokens = tokenize(text);
  return capRuns(tokens)
    .map((run) => nameTail(tokens, run))
    .filter((t) => t !== null)
    .map((t) => runText(text, tokens, t!));
};

describe('nameTail', () => {
  it.each([
    ['titles before a name', 'Treasury Secretary Scott Bessent spoke', ['Scott Bessent']],
    ['an office with "of" before the title', 'Bank of Japan Governor Kazuo Ueda', ['Kazuo Ueda']],
    ['a nationality and a title', 'South African President Cyril Ramaphosa', ['Cyril Ramaphosa']],
    ['particles inside a name', 'President Ursula von der Leyen', ['Ursula von der Leyen']],
    ['initials', 'Commerce Secretary A.B.M. Ghulam Mostafa', ['A.B.M. Ghulam Mostafa']],
    ['organisations have no name tail', 'Nomura Securities and the Finance Ministry', []],
    ['the department after "Secretary of"', 'U.S. Secretary of War Pete Hegseth arrived', ['Pete Hegseth']],
    ['the office after "Governor of"', 'Governor of Hokkaido Naomi Kudo spoke', ['Naomi Kudo']],
    ['the office after "Chancellor of the"', 'Chancellor of the Exchequer Rachel Reeves', ['Rachel Reeves']],
    ['a name after "of" that is no office', 'a statement of Anna Berg', ['Anna Berg']],
  ])('%s', (_name, text, expected) => {
    expect(tails(text)).toEqual(expected);
  });
});

describe('buildRegistry', () => {
  const registry = buildRegistry([
    tokenize(
      'Prime Minister Shigeru Ishiba met Foreign Ministry spokeswoman Mao Ning, Charles Siess Jr and Juan Lechin Oquendo. President Reagan agreed.',
    ),
  ]);

  it.each([
    ['a surname', 'Ishiba', 'Shigeru Ishiba'],
    ['a family name written first', 'Mao', 'Mao Ning'],
    ['a surname before Jr', 'Siess', 'Charles Siess Jr'],
    ['a middle surname', 'Lechin', 'Juan Lechin Oquendo'],
    ['a full name stays', 'Shigeru Ishiba', 'Shigeru Ishiba'],
    ['an unknown name stays', 'Akazawa', 'Akazawa'],
  ])('resolves %s', (_name, input, expected) => {
    expect(registry.resolve(input)).toBe(expected);
  });

  it('knows people: full names, their parts, and surnames after a title', () => {
    expect(registry.isPerson('Ishiba')).toBe(true);
    expect(registry.isPerson('Reagan')).toBe(true);
    expect(registry.isPerson('Ministry')).toBe(false);
    expect(registry.isPerson('Foreign Ministry')).toBe(false);
    expect(registry.isPerson('Akazawa')).toBe(false);
  });
});

describe('joinOfficialNames', () => {
  const joined = (text: string): string[] => {
    const tokens = tokenize(text);
    joinOfficialNames(tokens, buildRegistry([tokens]));
    return tokens.filter((t) => t.kind === 'punct').map((t) => t.text);
  };

  it('joins the commas of an official name that lists portfolios', () => {
    expect(joined('the Ministry of Economy, Trade and Industry said.')).toEqual(['&', '.']);
    expect(joined('the Department of Agriculture, Water and the Environment, which')).toEqual(['&', ',']);
  });

  it('leaves commas that end the name alone', () => {
    expect(joined('the Ministry of Finance, which said so.')).toEqual([',', '.']);
    expect(joined('Ken Kato met Aya Ono. At the Ministry of Finance, Kato and Ono met.')).toEqual(['.', ',', '.']);
  });
});
