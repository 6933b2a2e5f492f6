/**
 * @module core/quotes/japanese — quotations in Japanese text: 「…」 of eight characters or more that
 * are said (followed by と …述べた/話した/指摘した), and who said them: the topic of the sentence
 * (`山川一郎主席研究員は「…」と述べた` → 山川一郎), a name in brackets after the quote
 * (`「…」（佐伯氏）と` → 佐伯美穂), or the speaker of the paragraph's previous quotation; titles
 * (主席研究員, 首相, 氏, さん …) are not part of a name (片山さつき財務相も → 片山さつき, 佐々木誠さん（５２）は
 * → 佐々木誠), unnamed sources and people described keep their description (政府関係者, 会社員の女性),
 * and a report speaks for whoever issued it (米財務省は…報告書を公表した。報告書は「…」 → 米財務省).
 * Person mentions are read by ja-people.ts (titles alone such as 首相は / 同氏は point back to their
 * holder), 同社 / 同省 by ja-bodies.ts.
 */
import { splitSentences } from '../text/sentences.js';
import type { Paragraph, QuoteSpan } from './marks.js';
import type { Found } from './english.js';
import { HAN, TITLES, kanaFamilyName, kanaGivenName, opensWithTitle } from './ja-names.js';
import { sameBodyBefore } from './ja-bodies.js';
import { mentionAtEnd, peopleIn, pointsBack, type Person } from './ja-people.js';

/** Role nouns of an unnamed source: the phrase is kept as the article gives it. */
const UNNAMED = /(?:幹部|関係者|担当者|当局者|高官|関係筋|筋|首脳|職員|社員|代表団|政府|省|庁|当局|広報|担当|責任者|消息筋|業者|経営者|従業員|女性|男性|主婦|学生|住民|店主|農家|漁業者|漁師|観光客|市民|消費者|利用者|乗客|運転手|会社員|職人|店員|高齢者|投資家|ディーラー|トレーダー|機関|機構|協会|組合|連合|連盟|銀行|研究所|委員会|公社|基金|団体)$/u;

const NOUN_CHAR = /[\p{Script=Han}\p{Script=Katakana}ー々〆ヶA-Za-z0-9０-９Ａ-Ｚａ-ｚ・＆&]/u;
const KATAKANA = /[\p{Script=Katakana}ー]/u;

/** Whether a 「」 span is a spoken quotation: eight characters or more, then と (not という, と呼ぶ …). */
export function isJapaneseQuotation(body: string, span: QuoteSpan): boolean {
  const inner = body.slice(span.start, span.end).replace(/\s/g, '');
  if ([...inner].length < 8) return false;
  if (span.close < 0) return true;
  const after = body.slice(span.close + 1, span.close + 40).replace(/^（[^）]{1,20}）/, '');
  // 「…だ」という: reported speech when the quotation ends like a sentence (in kana or a stop);
  // 「スマート料金プラン方式」という仕組み names a thing.
  if (/^という/.test(after)) return /[\p{Script=Hiragana}。！？]$/u.test(inner);
  // 「…」。会社員の男性はこう話す: the next sentence says who said it
  if (SAID_SO.test(after)) return true;
  // 「…」として実施される names a thing (as what); 「…」と述べた, 「…」としている are said
  return /^と(?!いった|呼|され|名付|して(?!い|お)|する)/.test(after);
}

/** `「…」。X はこう話す` — a quotation standing alone, then a sentence whose topic says it "so". */
const SAID_SO = /^。\s*([^。「」]{2,30}?)(?:は|も)(?:、)?こう(?:話|語|述べ|説明|指摘|強調|振り返|明か|打ち明け|訴え|漏ら)/u;

/** The topic of the `…はこう話す` sentence after the quotation. */
function saidSo(body: string, span: QuoteSpan, names: Registry): string | null {
  if (span.close < 0) return null;
  const m = SAID_SO.exec(body.slice(span.close + 1, span.close + 60));
  if (!m) return null;
  const topic = m[1]!.replace(AGE, '');
  return speakerAt(topic, topic.length, span.close, names);
}

/** Japanese quotations among `spans`, with their speakers. */
export function japaneseQuotes(body: string, paras: Paragraph[], spans: QuoteSpan[]): Found[] {
  const real = spans.filter((s) => s.script === 'ja' && isJapaneseQuotation(body, s));
  if (real.length === 0) return [];
  const names = registry(body);
  const out: Found[] = [];
  let previous: { paragraph: number; speaker: string } | null = null;
  for (const span of real) {
    const para = paras[span.paragraph]!;
    const speaker: string = bracketed(body, span, names) ?? topicBefore(body, para, span, names) ?? topicAfter(body, span, names) ??
      saidSo(body, span, names) ?? accordingTo(body, para, span, names) ??
      (previous && previous.paragraph === span.paragraph ? previous.speaker : null) ?? 'unknown';
    out.push({ span, speaker });
    previous = { paragraph: span.paragraph, speaker };
  }
  return out;
}

/** `「…」（佐伯氏）と` — a name in brackets right after the quotation. */
function bracketed(body: string, span: QuoteSpan, names: Registry): string | null {
  if (span.close < 0) return null;
  const m = /^（([^）]{1,20})）/.exec(body.slice(span.close + 1, span.close + 24));
  return m ? speakerOf(m[1]!, names) : null;
}

/**
 * The topic (…は, …も) or subject (…が) of the sentence, before the quotation. An age in brackets
 * and an honorific between the speaker and the particle are skipped: 佐々木誠さん（５２）は → 佐々木誠.
 */
function topicBefore(body: string, para: Paragraph, span: QuoteSpan, names: Registry): string | null {
  const start = sentenceStart(body, para, span.open);
  const before = maskBrackets(body.slice(start, span.open).replace(AGE, ''));
  for (const marker of ['は', 'も', 'が']) {
    for (let at = before.lastIndexOf(marker); at > 0; at = before.lastIndexOf(marker, at - 1)) {
      const end = HONORIFIC.test(before.slice(0, at)) ? at - 2 : at;
      // A が-subject counts only right before the quotation (a が inside a clause is someone else's);
      // a も ("X also") only as the sentence's first topic.
      if (marker === 'が' && (before.length - at > 12 || before.slice(at).includes('、'))) continue;
      if (marker === 'も' && /[はが]/.test(before.slice(0, at))) continue;
      const person = personAt(before.slice(0, at), span.open, names);
      if (person) return person;
      if (end <= 0 || !NOUN_CHAR.test(before[end - 1]!)) continue;
      const phrase = nounPhraseBefore(before, end);
      if (phrase) return documentAuthor(body, span, phrase, names) ?? speakerOf(phrase, names);
    }
  }
  return null;
}

/** An age after a name or a description: 田中健一さん（６１）, 会社員の女性（42歳）. */
const AGE = /（[0-9０-９]{1,3}(?:歳)?）/gu;
/** Honorifics after a name: 佐々木誠さん → 佐々木誠. */
const HONORIFIC = /(?:さん|さま|くん|ちゃん)$/u;

/** Documents that say things on behalf of whoever issued them. */
const DOCUMENTS = /^(?:同)?(?:報告書|報告|声明|談話|白書|リポート|レポート|文書)$/u;

/**
 * `米財務省は…報告書を公表した。報告書は「…」と評価した` — a document speaks for whoever issued it:
 * the topic of the last sentence before the quotation that published it.
 */
function documentAuthor(body: string, span: QuoteSpan, phrase: string, names: Registry): string | null {
  if (!DOCUMENTS.test(phrase)) return null;
  const noun = phrase.replace(/^同/, '');
  const earlier = body.slice(Math.max(0, span.open - 400), span.open);
  const issued = new RegExp(`([^。「」\\n]*?)は[^。]*${noun}を(?:公表|発表|まとめ|出し|公開|発出)`, 'gu');
  let author: string | null = null;
  for (const m of earlier.matchAll(issued)) {
    const topic = nounPhraseBefore(m[1]! , m[1]!.length);
    if (topic) author = topic;
  }
  return author ? speakerOf(author, names) : null;
}

/** `同社の広報担当者によると、「…」という` — the source named before によると. */
function accordingTo(body: string, para: Paragraph, span: QuoteSpan, names: Registry): string | null {
  const before = maskBrackets(body.slice(sentenceStart(body, para, span.open), span.open));
  const at = before.lastIndexOf('によると');
  if (at <= 0) return null;
  const phrase = nounPhraseBefore(before, at);
  return phrase ? speakerOf(phrase, names) : null;
}

/** `「…」と政府関係者は述べた` — the topic after the quotation's と. */
function topicAfter(body: string, span: QuoteSpan, names: Registry): string | null {
  if (span.close < 0) return null;
  const rest = body.slice(span.close + 1, span.close + 60);
  const end = rest.search(/[。「]/);
  const clause = end < 0 ? rest : rest.slice(0, end);
  const at = clause.indexOf('は');
  if (at <= 1 || !clause.startsWith('と')) return null;
  return speakerAt(clause, at, span.close, names);
}

/**
 * The person a mention ending at the end of `s` names (titles off, or the holder of a title used
 * alone, found before `at`), else null.
 */
function personAt(s: string, at: number, names: Registry): string | null {
  const mention = mentionAtEnd(s, names.full);
  if (mention?.kind === 'name') return names.resolve(mention.name);
  const back = mention?.kind === 'back' ? pointsBack(mention, at, names.people) : null;
  return back ? names.resolve(back) : sameBodyBefore(s, names.body, at, names.full);
}

/** The speaker a mention ending at s[end] names: a person, else the noun phrase as printed. */
function speakerAt(s: string, end: number, at: number, names: Registry): string | null {
  const person = personAt(s.slice(0, end), at, names);
  if (person) return person;
  const phrase = nounPhraseBefore(s, end);
  return phrase ? speakerOf(phrase, names) : null;
}

function sentenceStart(body: string, para: Paragraph, pos: number): number {
  let start = para.start;
  for (const s of splitSentences(body.slice(para.start, para.end))) {
    if (para.start + s.start <= pos) start = para.start + s.start;
  }
  return start;
}

/** Replaces bracketed spans (earlier quotations) so their words are not read as the subject. */
function maskBrackets(s: string): string {
  return s.replace(/「[^」]*」|（[^）]*）/g, (m) => '□'.repeat(m.length));
}

/**
 * The noun phrase ending just before `end`: nouns joined by の ("大手商社の関係者"), without 別の /
 * ある; a given name in hiragana between a family name and a title stays (片山さつき財務相).
 */
function nounPhraseBefore(s: string, end: number): string | null {
  let i = end;
  while (i > 0) {
    const c = s[i - 1]!;
    if (NOUN_CHAR.test(c)) i--;
    else if (c === 'の' && i - 2 >= 0 && NOUN_CHAR.test(s[i - 2]!) && i < end) i--;
    else {
      if (i < end && (HAN.test(s[i]!) || KATAKANA.test(s[i]!))) i -= kanaGivenName(s.slice(Math.max(0, i - 8), i), opensWithTitle(s.slice(i, end)));
      if (i < end && HAN.test(s[i]!)) i -= kanaFamilyName(s, i, end);
      break;
    }
  }
  let phrase = s.slice(i, end).replace(/^(?:別の|他の|同\p{Script=Han}の|同)/u, '');
  phrase = phrase.replace(/^の/, '');
  return phrase.length >= 2 ? phrase : null;
}

/** A speaker phrase as printed: a person's name without titles, or an unnamed source as described. */
function speakerOf(phrase: string, names: Registry): string {
  const last = phrase.slice(phrase.lastIndexOf('の') + 1);
  // ベッセント米財務長官, トランプ大統領: a foreign name in katakana comes first, titles after it.
  const katakana = /^[\p{Script=Katakana}ー・]{2,}/u.exec(last);
  if (katakana && katakana[0].length < last.length) return katakana[0];
  if (UNNAMED.test(last) || UNNAMED.test(phrase)) return phrase;
  const name = stripTitle(last);
  // 米通商代表部の報道官: a title with no name describes someone; 首: never a fragment of a word
  if (!name || name === last && TITLES.includes(last) || name.length < 2) return phrase;
  return names.resolve(name);
}

/** "山川一郎主席研究員" → 山川一郎, "佐伯美穂チーフ為替ストラテジスト" → 佐伯美穂, "佐伯氏" → 佐伯, "片山さつき財務相" → 片山さつき. */
function stripTitle(s: string): string | null {
  // a given name in hiragana ends the name: what follows it is the title
  const kanaFirst = /^[\p{Script=Hiragana}]{2,4}/u.exec(s);
  if (kanaFirst) {
    // やまだ一郎チーフエコノミスト: a family name in kana, a given name in kanji, then the title
    for (let n = kanaFirst[0].length + 1; n <= kanaFirst[0].length + 3 && n < s.length; n++) {
      if (HAN.test(s[n - 1]!) && opensWithTitle(s.slice(n)) && kanaGivenName(s.slice(0, n), true) === n) return s.slice(0, n);
    }
  }
  const given = /^([\p{Script=Han}々]{1,3}[\p{Script=Hiragana}]{2,4})(?=[\p{Script=Han}\p{Script=Katakana}])/u.exec(s);
  if (given && opensWithTitle(s.slice(given[1]!.length)) && kanaGivenName(given[1]!, true) === given[1]!.length) return given[1]!;
  if (given && kanaGivenName(given[1]!) > 0) return given[1]!;
  let name = s;
  const kana = [...name].findIndex((c) => KATAKANA.test(c));
  if (kana > 0 && HAN.test(name[0]!)) name = name.slice(0, kana);
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of TITLES) {
      if (name.length > t.length && name.endsWith(t)) {
        name = name.slice(0, -t.length);
        changed = true;
        break;
      }
    }
  }
  return name.length >= 1 ? name : null;
}

interface Registry {
  /** The article body, for what 同社 / 同省 point back to. */
  body: string;
  /** Full names given before a title, longest form of each person. */
  full: Set<string>;
  /** People named with a title, in article order, for titles used alone (首相は, 同氏は). */
  people: Person[];
  resolve(name: string): string;
}

/** Full names the article gives before a title (`山川一郎主席研究員`, `石破茂首相`), for surname-only mentions. */
function registry(body: string): Registry {
  const full = new Set<string>();
  const titles = TITLES.filter((t) => t !== '氏' && t !== 'さん' && t !== '相').join('|');
  const re = new RegExp(`(\\p{Script=Han}{3,8}?)(?=(?:${titles}|[\\p{Script=Katakana}ー]{2,}))`, 'gu');
  for (const m of body.matchAll(re)) {
    const before = m.index > 0 ? body[m.index - 1]! : '';
    if (HAN.test(before)) continue;
    const name = stripTitle(m[1]!);
    if (name && name.length >= 3 && name.length <= 5) full.add(name);
  }
  // 片山さつき財務相: a given name in hiragana before a title
  const kana = new RegExp(`([\\p{Script=Han}々]{1,3}[\\p{Script=Hiragana}]{2,4})(?=${titles}|(?:シニア|チーフ)?[\\p{Script=Han}]{0,4}(?:アナリスト|エコノミスト|ストラテジスト))`, 'gu');
  for (const m of body.matchAll(kana)) if (kanaGivenName(body.slice(Math.max(0, m.index - 1), m.index + m[1]!.length), true) === m[1]!.length) full.add(m[1]!);
  const people = peopleIn(body, full);
  for (const p of people) if (p.name.length >= 3) full.add(p.name);
  return {
    body,
    full,
    people,
    resolve(name) {
      let best = name;
      for (const f of full) if (f.length > best.length && f.startsWith(name)) best = f;
      return best;
    },
  };
}
