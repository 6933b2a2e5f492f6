import { describe, expect, it } from 'vitest';
import { bestDuplicate, dedupeProfile, dedupeTokens, DUPLICATE_THRESHOLD, fingerprint, isNearDuplicate, leadOf, MIN_SHARED_KEYS, sharedKeys, similarity, type DedupeProfile, type DedupeText } from './dedupe.js';

// Realistic pairs, written for the project in the style of wire copy and its rewrites.

export interface Pair {
  name: string;
  a: DedupeText;
  b: DedupeText;
}

/** The same story as carried by two outlets: headline rewritten, lead copied or lightly edited. */
export const SAME_STORY: Pair[] = [
  {
    name: 'AP copy with a rewritten headline and the percent sign spelled out',
    a: {
      title: 'Japan, US reach trade deal lowering tariffs on Japanese cars to 15%',
      lead: "TOKYO (AP) — Japan and the United States have reached a trade agreement that lowers U.S. tariffs on Japanese automobiles to 15%, Japan's top trade negotiator said Wednesday, ending months of uncertainty for the country's biggest export industry.",
    },
    b: {
      title: 'US and Japan strike tariff deal, cutting levy on Japanese autos to 15 percent',
      lead: "Japan and the United States have reached a trade agreement that lowers US tariffs on Japanese automobiles to 15 percent, Japan's top trade negotiator said on Wednesday, ending months of uncertainty for the country's biggest export industry.",
    },
  },
  {
    name: 'Reuters copy, headline rewritten by a regional paper',
    a: {
      title: 'Akazawa heads to Washington for seventh round of tariff talks',
      lead: "TOKYO, July 1 (Reuters) - Japan's chief trade negotiator Ryosei Akazawa will travel to Washington this week for a seventh round of talks with U.S. officials on tariffs, the government's top spokesperson said on Tuesday, as a deadline for a deal approaches.",
    },
    b: {
      title: "Japan's tariff negotiator Akazawa to visit US again as deadline looms",
      lead: "Japan's chief trade negotiator Ryosei Akazawa will travel to Washington this week for a seventh round of talks with US officials on tariffs, the government's top spokesperson said Tuesday, as the deadline for a deal draws closer.",
    },
  },
  {
    name: 'G20 communique, Kyodo copy re-edited (G20 / G-20)',
    a: {
      title: 'G20 finance chiefs pledge to resist protectionism',
      lead: 'G20 finance ministers and central bank governors pledged on Thursday to resist all forms of protectionism and to refrain from competitive devaluations, according to a joint communique issued at the end of their two-day meeting in Cape Town.',
    },
    b: {
      title: 'G-20 financial leaders vow to resist protectionism in joint communique',
      lead: 'CAPE TOWN, Feb 27 (Kyodo) - Finance ministers and central bank governors of the Group of 20 economies pledged Thursday to resist all forms of protectionism and refrain from competitive devaluations, according to a joint communique issued at the end of their two-day meeting.',
    },
  },
  {
    name: 'yen slide, wire copy under two headlines',
    a: {
      title: 'Yen hits 34-year low against dollar, prompting intervention warning',
      lead: "The yen slid to a 34-year low against the dollar on Wednesday, prompting Japan's top currency diplomat Masato Kanda to warn that authorities were ready to take decisive action against excessive moves in the foreign exchange market.",
    },
    b: {
      title: 'Japanese yen slides to 34-year low versus dollar; Kanda warns of action',
      lead: "TOKYO (Reuters) - The yen slid to a 34-year low against the dollar on Wednesday, prompting Japan's top currency diplomat Masato Kanda to warn that authorities stood ready to take decisive steps against excessive moves in the currency market.",
    },
  },
  {
    name: 'news aggregator item (headline only) against the full wire story',
    a: {
      title: 'US, Japan agree on tariff deal with $550 billion investment pledge - Reuters',
      lead: 'US, Japan agree on tariff deal with $550 billion investment pledge Reuters',
    },
    b: {
      title: 'US, Japan agree on tariff deal with $550 billion investment pledge',
      lead: 'WASHINGTON, July 23 (Reuters) - The United States and Japan agreed on a trade deal that imposes a 15% tariff on imports from Japan, and Tokyo pledged $550 billion of investment in the U.S., President Donald Trump said on Tuesday.',
    },
  },
  {
    name: 'Japanese-language copy of one Kyodo story',
    a: {
      title: '赤沢経済再生相、関税交渉で7回目の訪米へ',
      lead: '赤沢亮正経済再生担当相は今週、トランプ米政権の関税措置を巡る7回目の閣僚交渉のため訪米する。林芳正官房長官が1日の記者会見で明らかにした。',
    },
    b: {
      title: '赤沢氏が7回目の訪米　関税交渉、期限迫る',
      lead: '赤沢亮正経済再生担当相は今週、トランプ米政権の関税措置を巡る7回目の閣僚交渉のため訪米する。林芳正官房長官が1日の記者会見で発表した。',
    },
  },
  {
    name: 'same story re-posted with an updated headline',
    a: {
      title: 'BOJ keeps rates steady, flags risks from US tariffs',
      lead: 'The Bank of Japan kept interest rates unchanged on Thursday and warned that U.S. tariffs posed a growing risk to the economy, signalling it was in no rush to resume raising borrowing costs.',
    },
    b: {
      title: 'UPDATE 2-BOJ holds rates, warns US tariffs cloud outlook',
      lead: 'TOKYO, May 1 (Reuters) - The Bank of Japan kept interest rates unchanged on Thursday and warned that U.S. tariffs posed a growing risk to the economy, signalling it was in no rush to resume raising borrowing costs as uncertainty clouds the outlook.',
    },
  },
];

/** Different stories that share a topic, a cast and much vocabulary. */
export const DIFFERENT_STORIES: Pair[] = [
  {
    name: 'one negotiator, two events',
    a: SAME_STORY[1]!.a,
    b: {
      title: 'Akazawa says Japan will not rush tariff deal before upper house election',
      lead: "Japan's chief trade negotiator Ryosei Akazawa said on Friday that Tokyo would not sacrifice national interests to strike a quick tariff deal with Washington, even as a July deadline for higher U.S. levies drew near.",
    },
  },
  {
    name: 'monthly data, different month and figure',
    a: {
      title: "Japan's exports fall 5% in May as US tariffs bite",
      lead: "Japan's exports fell 5% in May from a year earlier, Ministry of Finance data showed on Wednesday, as U.S. tariffs weighed on shipments of cars and machinery.",
    },
    b: {
      title: "Japan's exports fall 3% in June as US tariffs weigh",
      lead: "Japan's exports fell 3% in June from a year earlier, Ministry of Finance data showed on Thursday, as U.S. tariffs weighed on shipments of cars and steel.",
    },
  },
  {
    name: 'template story, different partner country',
    a: {
      title: 'Trump says US reached trade deal with Japan setting 15% tariff',
      lead: 'WASHINGTON (AP) — President Donald Trump said Tuesday the United States has reached a trade deal with Japan that sets a 15% tariff on imports from the country, including autos, and includes $550 billion in Japanese investment in the U.S.',
    },
    b: {
      title: 'Trump says US reached trade deal with South Korea setting 15% tariff',
      lead: 'WASHINGTON (AP) — President Donald Trump said Wednesday the United States has reached a trade deal with South Korea that sets a 15% tariff on imports from the country, and includes $350 billion in South Korean investment in the U.S.',
    },
  },
  {
    name: 'a low, then the rebound after intervention',
    a: SAME_STORY[3]!.a,
    b: {
      title: 'Yen rebounds from 34-year low after suspected intervention',
      lead: 'The yen jumped more than 2% against the dollar in thin holiday trading on Monday, with traders saying Japanese authorities had probably stepped into the market for the first time since 2022.',
    },
  },
  {
    name: 'two G20 meetings',
    a: SAME_STORY[2]!.a,
    b: {
      title: 'G20 trade ministers fail to agree joint statement amid tariff rift',
      lead: 'Trade ministers from the Group of 20 major economies ended a two-day meeting in Brasilia on Wednesday without a joint statement, as divisions over U.S. tariffs and export controls blocked agreement on the wording.',
    },
  },
  {
    name: 'same sector, different countries and measures',
    a: {
      title: 'US raises tariffs on Chinese steel to 50%',
      lead: 'The United States will double tariffs on steel imports from China to 50%, the Commerce Department said on Monday, citing overcapacity and unfair subsidies.',
    },
    b: {
      title: 'Canada retaliates against US steel and aluminum tariffs',
      lead: 'Canada will impose counter-tariffs on C$30 billion of U.S. goods in response to American levies on steel and aluminum, Finance Minister Dominic LeBlanc said on Monday.',
    },
  },
  {
    name: 'central bank: hold versus hike',
    a: SAME_STORY[6]!.a,
    b: {
      title: 'BOJ raises rates to 0.5%, highest in 17 years',
      lead: "The Bank of Japan raised short-term interest rates to 0.5% on Friday, the highest in 17 years, underscoring its confidence that rising wages will keep inflation sustainably around its 2% target.",
    },
  },
  {
    name: 'Japanese-language stories on the same talks',
    a: SAME_STORY[5]!.a,
    b: {
      title: '日米関税交渉、自動車で隔たり　赤沢氏「国益守る」',
      lead: '赤沢亮正経済再生担当相は4日、米国との関税交渉について「国益を守りつつ合意を目指す」と述べた。自動車関税の扱いを巡り、日米の隔たりは依然大きい。',
    },
  },
  {
    name: 'finance ministers on FX, different meetings',
    a: {
      title: 'Bessent and Kato reaffirm commitment to market-determined exchange rates',
      lead: 'U.S. Treasury Secretary Scott Bessent and Japanese Finance Minister Katsunobu Kato reaffirmed their commitment to market-determined exchange rates in a meeting on the sidelines of the G7 gathering in Canada, the Treasury said.',
    },
    b: {
      title: 'Kato says Japan did not discuss currency targets with Bessent',
      lead: 'Japanese Finance Minister Katsunobu Kato said on Friday he did not discuss any targets for exchange rate levels with U.S. Treasury Secretary Scott Bessent during their talks in Washington, dismissing speculation of a deal to strengthen the yen.',
    },
  },
];

const shareKey = (a: DedupeText, b: DedupeText): boolean => sharedKeys(fingerprint(a), fingerprint(b)) >= MIN_SHARED_KEYS;

describe('near-duplicate stories', () => {
  it.each(SAME_STORY.map((p) => [p.name, p] as const))('same story: %s', (_name, pair) => {
    expect(similarity(pair.a, pair.b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(isNearDuplicate(pair.b, pair.a)).toBe(true);
    // the store can only compare what the lookup finds: the pair must share enough fingerprint keys
    expect(shareKey(pair.a, pair.b)).toBe(true);
    expect(similarity(dedupeProfile(pair.a), dedupeProfile(pair.b))).toBe(similarity(pair.a, pair.b));
  });

  it.each(DIFFERENT_STORIES.map((p) => [p.name, p] as const))('different stories: %s', (_name, pair) => {
    expect(similarity(pair.a, pair.b)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(isNearDuplicate(pair.b, pair.a)).toBe(false);
  });

  it('separates the two sets with a margin, not by a hair', () => {
    const sameMin = Math.min(...SAME_STORY.map((p) => similarity(p.a, p.b)));
    const diffMax = Math.max(...DIFFERENT_STORIES.map((p) => similarity(p.a, p.b)));
    expect(sameMin - diffMax).toBeGreaterThan(0.2);
  });

  it('is symmetric', () => {
    for (const p of [...SAME_STORY, ...DIFFERENT_STORIES]) expect(similarity(p.a, p.b)).toBeCloseTo(similarity(p.b, p.a), 10);
  });

  it('scores an article against itself as 1', () => {
    for (const p of SAME_STORY) expect(similarity(p.a, p.a)).toBe(1);
  });
});

describe('fingerprint', () => {
  it('is deterministic and made of short keys', () => {
    const a = SAME_STORY[0]!.a;
    expect(fingerprint(a)).toEqual(fingerprint({ ...a }));
    expect(fingerprint(a).length).toBe(22);
    for (const k of fingerprint(a)) expect(k.length).toBeLessThan(32);
  });

  it('shares few keys between unrelated stories', () => {
    const a = DIFFERENT_STORIES[4]!.b; // G20 trade ministers
    const b = DIFFERENT_STORIES[6]!.b; // BOJ hike
    expect(shareKey(a, b)).toBe(false);
  });

  it('gives an empty item no band keys', () => {
    expect(fingerprint({ title: '', lead: '' })).toEqual([]);
  });
});

describe('tokens', () => {
  it('folds case, accents, plurals, aliases and hyphenated names', () => {
    expect(dedupeTokens('Tariffs on U.S. cars')).toEqual(['tariff', 'us', 'car']);
    expect(dedupeTokens('the United States and the G-20')).toEqual(['us', 'g20']);
    expect(dedupeTokens('Sánchez talks')).toEqual(['sanchez', 'talk']);
    expect(dedupeTokens('1,500 at 10:50')).toEqual(['1500', '10:50']);
  });

  it('reads Japanese as character bigrams', () => {
    expect(dedupeTokens('関税交渉')).toEqual(['関税', '税交', '交渉']);
  });
});

describe('leadOf', () => {
  it('takes the first paragraph, adding the next when the first is a short line', () => {
    const second = 'Japan and the United States agreed on Tuesday to cut tariffs on cars, ending months of talks that had weighed on the auto industry and on shares in Tokyo.';
    expect(leadOf(`TOKYO —\n\n${second}\n\nMore.`)).toBe(`TOKYO — ${second}`);
    const long = `${'word '.repeat(40).trim()}.\n\nSecond paragraph.`;
    expect(leadOf(long)).toBe(`${'word '.repeat(40).trim()}.`);
  });

  it('cuts a long first paragraph at a word end within 400 characters', () => {
    const lead = leadOf('alpha '.repeat(200));
    expect(lead.length).toBeLessThanOrEqual(400);
    expect(lead.endsWith('alpha')).toBe(true);
  });
});

describe('bestDuplicate', () => {
  const story = SAME_STORY[1]!;
  let n = 0;
  const cand = (text: DedupeText, firstSeen: string) => ({ ...text, firstSeen, id: `s${++n}`, fingerprint: fingerprint(text) });

  it('picks the most similar candidate above the threshold', () => {
    const other = cand(DIFFERENT_STORIES[0]!.b, '2025-07-01T00:00:00.000Z');
    const match = cand(story.a, '2025-07-01T01:00:00.000Z');
    expect(bestDuplicate(story.b, [other, match])).toBe(match);
    expect(bestDuplicate(story.b, [other])).toBeNull();
    expect(bestDuplicate(story.b, [])).toBeNull();
  });

  it('prefers the earliest story on a tie', () => {
    const late = cand(story.a, '2025-07-01T05:00:00.000Z');
    const early = cand(story.a, '2025-07-01T01:00:00.000Z');
    expect(bestDuplicate(story.b, [late, early])).toBe(early);
  });

  it('skips candidates sharing too few keys, and caches the profiles it builds', () => {
    const match = cand(story.a, '2025-07-01T01:00:00.000Z');
    const profiles = new Map<string, DedupeProfile>();
    expect(bestDuplicate(story.b, [match], { keys: fingerprint(story.b), profiles })).toBe(match);
    expect(profiles.has(match.id)).toBe(true);
    // same text, but the lookup keys say it is unrelated: not even read
    const stranger = { ...match, id: 'stranger', fingerprint: ['b0:zz.zz'] };
    expect(bestDuplicate(story.b, [stranger], { keys: fingerprint(story.b), profiles })).toBeNull();
    expect(profiles.has('stranger')).toBe(false);
  });
});

describe('sharedKeys', () => {
  it('counts common keys; an identical headline alone is enough to be compared', () => {
    expect(sharedKeys(['t:x', 'b0:a', 'b1:b'], ['t:x', 'b1:b', 'b2:c'])).toBe(2);
    const a = { title: 'Japan, US agree tariff deal', lead: 'Short item one.' };
    const b = { title: 'Japan, US agree tariff deal', lead: 'Entirely different wording of another lead paragraph here.' };
    expect(sharedKeys(fingerprint(a), fingerprint(b))).toBeGreaterThanOrEqual(MIN_SHARED_KEYS);
    expect(sharedKeys(['b0:a'], ['b1:a'])).toBe(0);
  });
});
