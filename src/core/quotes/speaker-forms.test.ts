/**
 * Speaker phrases as articles write them: official names with commas inside, a body named more
 * fully before, documents that name their issuer.
 */
import { describe, expect, it } from 'vitest';
import { extractQuotes } from './index.js';

const speakers = (body: string): string[] => extractQuotes({ title: 'Trade news', body }).map((q) => q.speaker);

describe('speakers: bodies as the article names them', () => {
  it('a body named with its country before is that name when the article shortens it', () => {
    const body = "Korea's Trade Ministry said on Monday it would review the quotas.\n\n\"The review will take at least three months,\" the Trade Ministry said.";
    expect(speakers(body)).toEqual(["Korea's Trade Ministry"]);
  });

  it('the latest of two fuller names is the one meant', () => {
    const body = "Brazil's Finance Ministry spoke first. Later, Chile's Finance Ministry said it agreed.\n\n\"We see no reason to change course now,\" the Finance Ministry said.";
    expect(speakers(body)).toEqual(["Chile's Finance Ministry"]);
  });

  it.each([
    ['"Costs must be recovered by efficient firms," the Ministry of Economy, Trade and Industry said.', 'the Ministry of Economy, Trade and Industry'],
    ['"Costs must be recovered by efficient firms," said the Ministry of Agriculture, Forestry and Fisheries.', 'the Ministry of Agriculture, Forestry and Fisheries'],
    ['The Department of Agriculture, Water and the Environment said: "Costs must be recovered by efficient firms."', 'the Department of Agriculture, Water and the Environment'],
  ])('an official name with commas inside stays whole: %s', (body, speaker) => {
    expect(speakers(body)).toEqual([speaker]);
  });
});

describe('speakers: documents that name their issuer speak for it', () => {
  it.each([
    ['"Both sides value stable markets very much," a Treasury readout said.', 'Treasury'],
    ['"Both sides value stable markets very much," a U.S. Treasury readout said.', 'U.S. Treasury'],
    ['"Both sides value stable markets very much," the White House statement said.', 'White House'],
    ['"Both sides value stable markets very much," the Boeing statement said.', 'Boeing'],
    ['"Both sides value stable markets very much," the Treasury\'s readout said.', 'the Treasury'],
    ['"Both sides value stable markets very much," a report by the Hoshi Institute said.', 'the Hoshi Institute'],
  ])('%s', (body, speaker) => {
    expect(speakers(body)).toEqual([speaker]);
  });

  it('a document that names no issuer speaks for itself', () => {
    expect(speakers('"Both sides value stable markets very much," the joint statement said.')).toEqual(['the joint statement']);
    expect(speakers('"Both sides value stable markets very much," the Greek statement said.')).toEqual(['the Greek statement']);
  });

  it('"the report" points back to the issuer of the report named before', () => {
    const body = 'A Hoshi Institute report on Monday looked at rice prices.\n\n"Both sides value stable markets very much," the report said.';
    expect(speakers(body)).toEqual(['Hoshi Institute']);
  });
});

describe('speakers: unnamed sources keep what says who they are', () => {
  it.each([
    ['"Our case was made very clearly," said an official travelling with the prime minister.', 'an official travelling with the prime minister'],
    ['"Our case was made very clearly," said a senior Japanese official travelling with the prime minister.', 'a senior Japanese official'],
    ['"Our case was made very clearly," said an official who asked not to be named.', 'an official'],
  ])('%s', (body, speaker) => {
    expect(speakers(body)).toEqual([speaker]);
  });
});

describe('speakers: a phrase that names no one is no speaker', () => {
  it('a thing before a preposition falls back to the person spoken of', () => {
    const body = 'Trade Minister Aya Ono spoke on Monday.\n\nPanels from some Chinese producers said "we will not accept dumping of this kind at all."';
    expect(speakers(body)).toEqual(['Aya Ono']);
  });

  it('the same with a lower-case head', () => {
    const body = 'Trade Minister Aya Ono spoke on Monday.\n\n"We will not accept dumping of this kind at all," the rest of the officials said.';
    expect(speakers(body)).toEqual(['Aya Ono']);
  });

  it('a name before a preposition still speaks', () => {
    expect(speakers('"We will not accept dumping of this kind at all," Hoshizora of Osaka said.')).toEqual(['Hoshizora of Osaka']);
  });
});

describe('speakers: who spoke to whom', () => {
  it('"Y was told by X" → X', () => {
    const body = 'Rider Hideo Kuwabara was told by Kazuko Imai that "the line has never been this quiet before."';
    expect(speakers(body)).toEqual(['Kazuko Imai']);
  });

  it('"Y was told" without a teller: the article does not say who spoke', () => {
    const body = 'Mayor Ren Oda spoke first.\n\nLater, rider Hideo Kuwabara was told "the line will close for a week in May."';
    expect(speakers(body)).toEqual(['unknown']);
  });

  it('"X said Y would be told "…"" → X, who relays it', () => {
    const body = 'Officials spoke in London.\n\nOne official said the king would be told Britain still wants "clear proof that the raids have stopped for good."';
    expect(speakers(body)).toEqual(['one official']);
  });

  it('"X told Y" and "X, who rides with Y, said" → X', () => {
    expect(speakers('Kazuko Imai told Hideo Kuwabara: "The line has never been this quiet before."')).toEqual(['Kazuko Imai']);
    expect(speakers('Kazuko Imai, who rides with Hideo Kuwabara, said: "The line has never been this quiet before."')).toEqual(['Kazuko Imai']);
  });
});
