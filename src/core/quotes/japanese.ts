/**
 * @module core/quotes/japanese — quotations in Japanese text: 「…」 of eight characters or more that
 * are said (followed by と …述べた/話した/指摘した), and who said them: the topic of the sentence
 * (`山川一郎主席研究員は「…」と述べた` → 山川一郎), a name in brackets after the quote
 * (`「…」（佐伯氏）と` → 佐伯美穂), or the speaker of the paragraph's previous quotation; titles
 * (主席研究員, 首相, 氏 …) are not part of a name, and unnamed sources keep their description
 * (政府関係者, 大手商社の関係者).
 */
import { splitSentences } from '../text/sentences.js';
import type { Paragraph, QuoteSpan } from './marks.js';
import type { Found } from './english.js';

/** Titles after a name, longest first so 主席研究員 wins over 研究員. */
const TITLES = [
  '代表取締役社長', '主席研究員', '主任研究員', '上席研究員', '特別研究員', '経済再生相', '官房長官', '代表取締役', '研究員',
  '副社長', '副総裁', '准教授', '理事長', '委員長', '審議官', '財務相', '外務相', '経産相', '社長', '会長', '専務', '常務',
  '部長', '課長', '局長', '次官', '首相', '外相', '長官', '大統領', '教授', '所長', '総裁', '議長', '知事', '市長', '代表',
  '理事', '顧問', '室長', '監督', '選手', '主幹', '記者', '氏', 'さん', '相',
].sort((a, b) => b.length - a.length);

/** Role nouns of an unnamed source: the phrase is kept as the article gives it. */
const UNNAMED = /(?:幹部|関係者|担当者|当局者|高官|関係筋|筋|首脳|職員|社員|代表団|政府|省|庁|当局|広報|報道官|担当|責任者|消息筋|業者|経営者|従業員)$/u;

const NOUN_CHAR = /[\p{Script=Han}\p{Script=Katakana}ー々〆ヶA-Za-z0-9０-９Ａ-Ｚａ-ｚ・＆&]/u;
const HAN = /\p{Script=Han}/u;
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
  return /^と(?!いった|呼|され|名付|して知られ)/.test(after);
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
      accordingTo(body, para, span, names) ??
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

/** The topic (…は) or subject (…が) of the sentence, before the quotation. */
function topicBefore(body: string, para: Paragraph, span: QuoteSpan, names: Registry): string | null {
  const start = sentenceStart(body, para, span.open);
  const before = maskBrackets(body.slice(start, span.open));
  for (const marker of ['は', 'が']) {
    for (let at = before.lastIndexOf(marker); at > 0; at = before.lastIndexOf(marker, at - 1)) {
      if (!NOUN_CHAR.test(before[at - 1]!)) continue;
      // A が-subject counts only right before the quotation (a が inside a clause is someone else's).
      if (marker === 'が' && (before.length - at > 12 || before.slice(at).includes('、'))) continue;
      const phrase = nounPhraseBefore(before, at);
      if (phrase) return speakerOf(phrase, names);
    }
  }
  return null;
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
  const phrase = nounPhraseBefore(clause, at);
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

/** The noun phrase ending just before `end`: nouns joined by の ("大手商社の関係者"), without 別の / ある. */
function nounPhraseBefore(s: string, end: number): string | null {
  let i = end;
  while (i > 0) {
    const c = s[i - 1]!;
    if (NOUN_CHAR.test(c)) i--;
    else if (c === 'の' && i - 2 >= 0 && NOUN_CHAR.test(s[i - 2]!) && i < end) i--;
    else break;
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
  if (!name) return phrase;
  return names.resolve(name);
}

/** "山川一郎主席研究員" → 山川一郎, "佐伯美穂チーフ為替ストラテジスト" → 佐伯美穂, "佐伯氏" → 佐伯. */
function stripTitle(s: string): string | null {
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
  return {
    resolve(name) {
      let best = name;
      for (const f of full) if (f.length > best.length && f.startsWith(name)) best = f;
      return best;
    },
  };
}
