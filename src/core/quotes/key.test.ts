import { describe, expect, it } from 'vitest';
import type { Quote, TopicMatch } from '../types.js';
import { MAX_KEY_QUOTES, pickKeyQuotes } from './key.js';

const q = (text: string, speaker: string): Quote => ({ text, speaker });
const topic = (...terms: string[]): TopicMatch => ({ id: 't', score: 1, hits: terms.map((t) => ({ term: t, text: t, field: 'body' as const, offset: 0 })) });

describe('pickKeyQuotes', () => {
  it('returns nothing for no quotes, and at most 3', () => {
    expect(pickKeyQuotes([], { topics: [] })).toEqual([]);
    const many = [
      'Rice farmers need time to adjust before any market opening happens.',
      'Carmakers have already moved two assembly lines across the border.',
      'Steel prices doubled in the spring and never came back down.',
      'Chip shortages still delay deliveries of medical scanners.',
      'Beef exporters expect Korean demand to recover next year.',
      'Shipping rates through the canal have tripled since January.',
    ].map((text, i) => q(text, `Speaker ${i}`));
    expect(pickKeyQuotes(many, { topics: [] })).toHaveLength(MAX_KEY_QUOTES);
  });

  it('prefers complete statements over fragments', () => {
    const quotes = [
      q('at the most appropriate time', 'Shigeru Ishiba'),
      q('We will work hard to ensure that Japan is not accused of being unfair.', 'Shigeru Ishiba'),
    ];
    expect(pickKeyQuotes(quotes, { topics: [] })[0]!.text).toMatch(/^We will work hard/);
    expect(pickKeyQuotes(quotes, { topics: [] })).toHaveLength(2);
  });

  it('prefers quotes on the matched topics', () => {
    const quotes = [
      q('The weather in Osaka was lovely for the whole of the visit, and the food too.', 'Ana Ruiz'),
      q('The weather in Kobe was lovely for the whole of the visit, and the people too.', 'Ben Ode'),
      q('The weather in Nara was lovely for the whole of the visit, and the deer too.', 'Cy Pham'),
      q('Tariffs on cars will come down to 15 percent from next month under the deal.', 'Dee Lowe'),
    ];
    const picked = pickKeyQuotes(quotes, { topics: [topic('tariffs')] }).map((x) => x.speaker);
    expect(picked).toContain('Dee Lowe');
  });

  it('drops near-duplicates', () => {
    const quotes = [
      q('The yen is still a little bit undervalued against the dollar.', 'Robert Ortner'),
      q('The yen is still a little bit undervalued against the dollar,', 'Robert Ortner'),
      q('I do not regard the dollar as undervalued at this point against the yen.', 'Robert Ortner'),
    ];
    const picked = pickKeyQuotes(quotes, { topics: [] });
    expect(picked).toHaveLength(2);
    expect(picked.filter((x) => x.text.startsWith('The yen is still'))).toHaveLength(1);
  });

  it('puts the main speaker first and makes room for a second voice', () => {
    const quotes = [
      q('Markets will find the announcement broadly reassuring this week.', 'Marcus Feld'),
      q('We agreed to keep in close touch on currency matters from now on.', 'Katsunobu Kato'),
      q('Excessive volatility is undesirable for the economy and for firms.', 'Katsunobu Kato'),
      q('We will respond appropriately to excessive moves in the market.', 'Katsunobu Kato'),
    ];
    const picked = pickKeyQuotes(quotes, { topics: [] });
    expect(picked.map((x) => x.speaker)).toEqual(['Katsunobu Kato', 'Katsunobu Kato', 'Marcus Feld']);
  });

  it('puts unattributed quotes last', () => {
    const quotes = [q('Nobody can say who wrote this line on the wall last night.', 'unknown'), q('We expect a deal on cars within weeks, not months.', 'Ana Ruiz')];
    expect(pickKeyQuotes(quotes, { topics: [] }).map((x) => x.speaker)).toEqual(['Ana Ruiz', 'unknown']);
  });

  it('never lets an off-topic quote of the main speaker beat an on-topic one', () => {
    const quotes = [
      q('I have been coming to this city every spring for twenty years now.', 'Katsunobu Kato'),
      q('My grandchildren will visit the cherry blossoms with me next week.', 'Katsunobu Kato'),
      q('The weather here has been wonderful for the whole of our stay.', 'Katsunobu Kato'),
      q('Tariffs on cars will come down to 15 percent from next month under the deal.', 'Dee Lowe'),
    ];
    const picked = pickKeyQuotes(quotes, { topics: [topic('tariffs')] });
    expect(picked[0]!.speaker).toBe('Dee Lowe');
  });

  it('counts a quote whose words sit almost all inside another as a duplicate', () => {
    const quotes = [
      q('The two sides remain far apart on autos, rice, beef, pork and steel quotas,', 'an official familiar with the talks'),
      q('The two sides remain far apart on autos,', 'an official familiar with the talks'),
      q('Tariffs on cars will come down to 15 percent from next month under the deal.', 'Dee Lowe'),
    ];
    const picked = pickKeyQuotes(quotes, { topics: [] }).map((x) => x.text);
    expect(picked).toHaveLength(2);
    expect(picked.filter((t) => t.startsWith('The two sides'))).toHaveLength(1);
  });
});
