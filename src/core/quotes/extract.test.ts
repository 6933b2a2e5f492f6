import { describe, expect, it } from 'vitest';
import { extractQuotes } from './index.js';

const speakers = (body: string, title = 'Trade news'): [string, string][] =>
  extractQuotes({ title, body }).map((q) => [q.text, q.speaker]);

describe('extractQuotes: attribution patterns', () => {
  it.each([
    ['"…," X said', '"We cannot accept these duties at all," Minister Lena Vogt said.', [['We cannot accept these duties at all,', 'Lena Vogt']]],
    ['X said: "…"', 'Lena Vogt said: "We cannot accept these duties at all."', [['We cannot accept these duties at all.', 'Lena Vogt']]],
    ['"…" said X, the …', '"We cannot accept these duties at all," said Lena Vogt, the trade minister.', [['We cannot accept these duties at all,', 'Lena Vogt']]],
    ['X told reporters "…"', 'Lena Vogt told reporters "the duties are simply unacceptable to us."', [['the duties are simply unacceptable to us.', 'Lena Vogt']]],
    ['X called it "…"', 'Lena Vogt called the plan "a tax on our own consumers."', [['a tax on our own consumers.', 'Lena Vogt']]],
    [
      'split quote with a pronoun',
      'Trade Minister Lena Vogt spoke in Bonn.\n\n"We cannot accept this," she said. "We will respond in kind."',
      [['We cannot accept this,', 'Lena Vogt'], ['We will respond in kind.', 'Lena Vogt']],
    ],
    ['surname-only mention', 'Trade Minister Lena Vogt spoke in Bonn. "We will respond in kind," Vogt said.', [['We will respond in kind,', 'Lena Vogt']]],
    ['given-name-first surname (Chinese order)', 'Spokeswoman Hua Lin spoke on Monday. "We oppose any unilateral tariff," Hua said.', [['We oppose any unilateral tariff,', 'Hua Lin']]],
    ['title words are not the name', '"Talks will go on next week," Treasury Secretary Owen Pike said.', [['Talks will go on next week,', 'Owen Pike']]],
    ['an unnamed source as described', '"Talks will go on next week," a senior trade ministry official said.', [['Talks will go on next week,', 'a senior trade ministry official']]],
    [
      'the official → the unnamed source named before',
      'A Finance Ministry official, speaking on condition of anonymity, spoke to us. "Our position has not changed at all," the official said.',
      [['Our position has not changed at all,', 'a Finance Ministry official']],
    ],
    [
      'the spokesman → the named spokesman',
      'White House spokesman Carl Munro spoke first. "It is nothing to be alarmed about," the spokesman added.',
      [['It is nothing to be alarmed about,', 'Carl Munro']],
    ],
    ['X quoted Y as saying', 'The Daily Ledger quoted Yuri Sato as saying "a weak yen helps nobody in the end."', [['a weak yen helps nobody in the end.', 'Yuri Sato']]],
    ['Y was quoted as saying', '"A weak yen helps nobody in the end," Yuri Sato was quoted as saying.', [['A weak yen helps nobody in the end,', 'Yuri Sato']]],
    ['according to X', 'According to Yuri Sato, "the yen has fallen too far too fast."', [['the yen has fallen too far too fast.', 'Yuri Sato']]],
    ['…, adding "…"', 'Yuri Sato said rates would stay low, adding "we see no reason to move now."', [['we see no reason to move now.', 'Yuri Sato']]],
    ['a body speaks', '"The measures break the rules of fair trade," the commerce ministry said in a statement.', [['The measures break the rules of fair trade,', 'the commerce ministry']]],
    ['curly quotes', '“We will not be rushed into a bad deal,” said Mona Reyes, an adviser to the president.', [['We will not be rushed into a bad deal,', 'Mona Reyes']]],
    [
      'a chain of appositives before the verb',
      'Ines Duarte, chair of Lisbon Cork Co <LCC.LS>, speaking on local radio, said "the new levy will cost us our best customers."',
      [['the new levy will cost us our best customers.', 'Ines Duarte']],
    ],
    [
      'a lower-case title after the quotation',
      '"Prices will not fall before the summer," broker Tim Alder at Fenwick Securities <FEN>, told Reuters.',
      [['Prices will not fall before the summer,', 'Tim Alder']],
    ],
    [
      '"said one" is one of the group named before',
      'Shipping sources said rates had doubled. "Nobody expected it to move this fast," said one.',
      [['Nobody expected it to move this fast,', 'a Shipping source']],
    ],
    [
      'two people speaking together, then "they"',
      'Economists Ana Lind and Per Moe wrote a report on the levy. "Any tax at this level will push trade elsewhere," they said.',
      [['Any tax at this level will push trade elsewhere,', 'Ana Lind and Per Moe']],
    ],
    [
      'a noun that looks like a verb is not an attribution',
      'Press secretary Lou Tran said Vogt\'s comments were "not the position of this government in any way."',
      [['not the position of this government in any way.', 'Lou Tran']],
    ],
    [
      "a possessive name before a role: the role speaks",
      'Prime Minister Shigeru Ishiba met them. "We will respond calmly and firmly," Ishiba\'s spokesman said.',
      [['We will respond calmly and firmly,', "Ishiba's spokesman"]],
    ],
    ['inverted "asked"', '"Why would we sign a deal that hurts our farmers?" asked Trade Minister Lena Vogt.', [['Why would we sign a deal that hurts our farmers?', 'Lena Vogt']]],
    [
      'an appositive name after a description',
      '"The talks were constructive and we will meet again," Japan\'s top negotiator, Ryosei Akazawa, told reporters.',
      [['The talks were constructive and we will meet again,', 'Ryosei Akazawa']],
    ],
    [
      'a relative clause with its own "said" is part of the description',
      'Oil chief Hugh Lidd, who earlier said profits would fall, also told reporters that costs were up. "We think earnings will be down this year," he said.',
      [['We think earnings will be down this year,', 'Hugh Lidd']],
    ],
    [
      'a name used as a modifier is not the speaker',
      'President Reagan spoke first. Senator Jo Tower, a longtime Reagan supporter, told a press conference, "The president did not understand the operation."',
      [['The president did not understand the operation.', 'Jo Tower']],
    ],
    [
      'a name with a particle',
      '"You have to look at the dollar over a whole year," said Senior EC expert Tomas de Hora.',
      [['You have to look at the dollar over a whole year,', 'Tomas de Hora']],
    ],
    [
      '"Another" opening a sentence is not a speaker',
      'Trade minister Mike Moore said one aim was to "avert a potential economic tragedy in the region." Another was to prevent "bush fires of confrontation while we negotiate."',
      [['avert a potential economic tragedy in the region.', 'Mike Moore'], ['bush fires of confrontation while we negotiate.', 'Mike Moore']],
    ],
    ['a document speaks for whoever it belongs to', '"Growth will slow in the second half," the Bundesbank\'s monthly report said.', [['Growth will slow in the second half,', 'the Bundesbank']]],
    ['an office "of" a department before the name', '"Our ports are open for business," said Minister of Fisheries Tomas Lund.', [['Our ports are open for business,', 'Tomas Lund']]],
    [
      'a description, then the name it goes with',
      '"We will not sign this in its present form," said the federation\'s chief negotiator, Ilse Brandt.',
      [['We will not sign this in its present form,', 'Ilse Brandt']],
    ],
    [
      'an unnamed person described by title only → the person last spoken of',
      'Treasurer Ray Kemp said the fund would sell bonds. "Equities have more upside than bonds right now," the company executive said.',
      [['Equities have more upside than bonds right now,', 'Ray Kemp']],
    ],
  ])('%s', (_name, body, expected) => {
    expect(speakers(body)).toEqual(expected);
  });

  it('reads British-style single quotation marks', () => {
    const body = [
      "Governor Andrew Bailey said the decision was 'finely balanced'.",
      '‘We need more evidence that inflation is beaten,’ Bailey told reporters. ‘We are not there yet.’',
      "Traders' bets shifted. 'It was more hawkish than the market had priced,' said Ana Ruiz, an economist.",
    ].join('\n\n');
    expect(speakers(body)).toEqual([
      ['We need more evidence that inflation is beaten,', 'Andrew Bailey'],
      ['We are not there yet.', 'Andrew Bailey'],
      ['It was more hawkish than the market had priced,', 'Ana Ruiz'],
    ]);
  });

  it('gives "unknown" when nobody is named', () => {
    expect(speakers('It is not clear who wrote the note, which said "we will be back after the tariffs."')).toEqual([
      ['we will be back after the tariffs.', 'unknown'],
    ]);
  });

  it('finds nothing in an article without quotation marks, or without a body', () => {
    expect(extractQuotes({ title: 'No quotes', body: 'Japan and the U.S. will meet again next week.' })).toEqual([]);
    expect(extractQuotes({ title: '"Headline quote here today"', body: '' })).toEqual([]);
  });

  it('reads a straight quote between letters as a stray apostrophe, not a mark', () => {
    expect(speakers('Ecuador"s quota is 210,000 barrels a day. "Output will resume within a month," the minister said.')).toEqual([
      ['Output will resume within a month,', 'the minister'],
    ]);
  });

  it('skips scare quotes, labels and titles of things', () => {
    const body =
      'Critics call it a "spoiled" market hit by "reciprocal tariffs", and the studio\'s hit "Songs of the Silver River" is unaffected. "We expect another record year for the whole group," said Ada Kim.';
    expect(speakers(body)).toEqual([['We expect another record year for the whole group,', 'Ada Kim']]);
  });
});

describe('extractQuotes: Japanese', () => {
  it.each([
    ['topic with a title', 'みなと研究所の山川一郎主席研究員は「最悪のシナリオは避けられた」と指摘した。', [['最悪のシナリオは避けられた', '山川一郎']]],
    [
      'surname with 氏 → full name',
      '東都証券の佐伯美穂ストラテジストは「極めて強い意思表示だった」と分析する。佐伯氏は「円安圧力はなくならない」と述べた。',
      [['極めて強い意思表示だった', '佐伯美穂'], ['円安圧力はなくならない', '佐伯美穂']],
    ],
    ['a prime minister without the title', '石破茂首相は会見した。石破首相は「国益を守りながら交渉を続ける」と述べた。', [['国益を守りながら交渉を続ける', '石破茂']]],
    ['an unnamed source', '別の市場関係者は「次に160円に近づけば警戒が強まる」と述べた。', [['次に160円に近づけば警戒が強まる', '市場関係者']]],
    ['a name in brackets after the quote', '東都証券の佐伯美穂ストラテジストは会見した。「日米の金利差が大きく縮まらない」（佐伯氏）との声もある。', [['日米の金利差が大きく縮まらない', '佐伯美穂']]],
    ['the speaker after the quotation', '「交渉は最終局面に入った」と赤沢亮正経済再生相は記者団に語った。', [['交渉は最終局面に入った', '赤沢亮正']]],
    ['a foreign name in katakana before its titles', 'ベッセント米財務長官は「日本との協議は建設的だった」と述べた。', [['日本との協議は建設的だった', 'ベッセント']]],
    ['a subject with が right before the quotation', '関係者が「合意文書の調整に時間がかかっている」と明かした。', [['合意文書の調整に時間がかかっている', '関係者']]],
    ['によると …「…」という', '同社の広報担当者によると、「新工場の稼働は来年春になる見通しだ」という。', [['新工場の稼働は来年春になる見通しだ', '広報担当者']]],
    ['a given name in hiragana, then 氏', '片山さつき財務相は閣議後に会見した。片山氏は「市場の動きを緊張感を持って注視している」と述べた。', [['市場の動きを緊張感を持って注視している', '片山さつき']]],
    ['an honorific and an age', '山田花子さん（45）は「毎月の電気代が本当に重い」と話す。', [['毎月の電気代が本当に重い', '山田花子']]],
    ['a description of a person', '都内に住む会社員の男性（35）は「値上げが続けば外食を減らすしかない」と話した。', [['値上げが続けば外食を減らすしかない', '会社員の男性']]],
    ['a katakana name with さん', 'シアトルで書店を営むエミリー・クラークさんは「日本の絵本がよく売れている」と話す。', [['日本の絵本がよく売れている', 'エミリー・クラーク']]],
    ['a report speaks for whoever issued it', '国際エネルギー機関は13日、報告書を公表した。報告書は「需要の伸びは鈍化する」と指摘した。', [['需要の伸びは鈍化する', '国際エネルギー機関']]],
    ['a programme name is not a quotation', '政府は「地域経済活性化緊急支援事業」として予算を計上した。', []],
    ['the previous speaker continues', '西村拓真エコノミストは「市場の想定より大きい」と述べた。そのうえで「先行きは不透明で続く」と話した。', [['市場の想定より大きい', '西村拓真'], ['先行きは不透明で続く', '西村拓真']]],
  ])('%s', (_name, body, expected) => {
    expect(speakers(body, '見出し')).toEqual(expected);
  });
});

describe('extractQuotes: a country\'s or owner\'s institution', () => {
  it('reads "Britain\'s Treasury" as one body, but not a person after a company\'s possessive', () => {
    expect(speakers('"We will respond to any new duties on our steel," Britain\'s Treasury said in a statement.')).toEqual([
      ['We will respond to any new duties on our steel,', "Britain's Treasury"],
    ]);
    const [[, who]] = speakers('"Nothing has changed in the plans for the offering at all," Fairchild\'s Bill Fulwider said.') as [[string, string]];
    expect(who).not.toBe("Fairchild's Bill Fulwider");
  });
});
