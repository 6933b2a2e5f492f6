/**
 * @module core/quotes/ja-people — who a Japanese speaker mention names. The mention is read from its
 * end: titles come off first (杉浦みのり|主席エコノミスト, 関口亮太|氏), then the name is what stands
 * before them up to a particle or punctuation (研究所の|杉浦みのり); a title with no name
 * (首相は, 総裁は, 同氏は, 同相は, 同社長は) points back to the latest person before it who holds
 * that title. Every person the article names with a title is indexed once, with where they appear.
 */
import { HAN, TITLES, kanaGivenName } from './ja-names.js';

/** A person named with a title: 石破茂(首相) at body offset `at`. */
export interface Person {
  at: number;
  name: string;
  title: string;
}

/** What a mention ending at some point names. */
export type Mention =
  | { kind: 'name'; name: string; title: string | null }
  | { kind: 'back'; title: string; same: boolean };

/** Titles in katakana, with the words that may stand before them: 主席エコノミスト, チーフ為替ストラテジスト. */
const KATAKANA_TAIL =
  /(?:シニア|チーフ|マネージング|主席|首席|上席|主任|為替|市場|経済|金融|債券|株式|通貨|外為)*(?:アナリスト|エコノミスト|ストラテジスト|ディレクター|マネジャー|マネージャー|フェロー|リサーチャー|コンサルタント|ディーラー|トレーダー)$/u;

/** Where an organisation's name ends: 同社, 経済産業省, 日本銀行 are no person. */
const ORGANISATION_END = /(?:社|省|庁|府|所|部|局|院|会|行|団|庫|協会|機構|銀|大学|政府|当局)$/u;

/** A body named between a name and its title: 十倉雅和|経団連|会長, 小林健|日商|会頭. */
const BODY_BEFORE_TITLE = /(?:経団連|日銀|日本銀行|日商|経済同友会|同友会|連合|東証|自民党|公明党|立憲民主党|国民民主党|日本維新の会|米国|米|中国|韓国|英国|欧州)$/u;

/** Characters a name cannot follow directly: more of a word in katakana or latin letters. */
const WORD_BEFORE = /[\p{Script=Katakana}ーA-Za-zＡ-Ｚａ-ｚ]$/u;

/** Particles that may open a hiragana run but never a name in it. */
const PARTICLE_OPEN = /^[のはがをにでとへもや]/u;

/** The title at the end of `s` (longest first), or null. */
export function titleAtEnd(s: string): string | null {
  const katakana = KATAKANA_TAIL.exec(s);
  if (katakana) return katakana[0];
  for (const t of TITLES) if (s.endsWith(t)) return t;
  return null;
}

/**
 * Reads the mention that ends at the end of `s`: a person's name (titles removed), a title alone
 * pointing back (首相, 同氏), or null when it is neither (an organisation, a description, a document).
 * `known` are full names found elsewhere in the article, so an untitled 森みのり is still a name.
 */
export function mentionAtEnd(s: string, known: Iterable<string>): Mention | null {
  let base = s;
  let title: string | null = null;
  for (let t = titleAtEnd(base); t && base.length > 0; t = titleAtEnd(base)) {
    title = title ? t + title : t;
    base = base.slice(0, -t.length);
    if (t.length === 1 && t !== '相') break; // 氏 and さん close a mention; nothing before them is a title
  }
  for (const f of known) if (base.endsWith(f) && !HAN.test(base[base.length - f.length - 1] ?? '')) return { kind: 'name', name: f, title };
  if (!title) return null;
  if (base.endsWith('同')) return { kind: 'back', title, same: true };
  const name = nameAtEnd(base) ?? nameAtEnd(base.replace(BODY_BEFORE_TITLE, ''));
  if (name) return { kind: 'name', name, title };
  // 首相は, 、総裁は: nothing names the holder; 米通商代表部の報道官 describes someone instead
  if (base === '' || /[、。」）\s]$/u.test(base) || (/[\p{Script=Hiragana}]$/u.test(base) && !base.endsWith('の'))) {
    return { kind: 'back', title, same: false };
  }
  return null;
}

/** The name at the end of `base`, which stood right before a title: 佐藤恒治, 杉浦みのり, やまだ一郎. */
function nameAtEnd(base: string): string | null {
  // a family name in kanji, a given name in hiragana (the kana may hold の: みのり)
  const kana = /([\p{Script=Han}々]{1,3})([\p{Script=Hiragana}]{2,4})$/u.exec(base);
  if (kana && !HAN.test(base[kana.index - 1] ?? '') && !PARTICLE_OPEN.test(kana[2]!) && !/[るうすつむくぐぶ]$/u.test(kana[2]!)) {
    return kana[0];
  }
  // a family name in hiragana, a given name in kanji
  const kanaFamily = /([\p{Script=Hiragana}]{2,4}[\p{Script=Han}々]{1,3})$/u.exec(base);
  if (kanaFamily && kanaGivenName(base, true) === kanaFamily[0].length) return kanaFamily[0];
  const han = /[\p{Script=Han}々]{2,5}$/u.exec(base);
  if (!han || HAN.test(base[han.index - 1] ?? '') || WORD_BEFORE.test(base.slice(0, han.index))) return null;
  if (ORGANISATION_END.test(han[0]) || han[0].startsWith('同')) return null;
  return han[0];
}

/** Every person the body names before a title, in order: 石破茂首相 → { 石破茂, 首相 }. */
export function peopleIn(body: string, known: Iterable<string>): Person[] {
  const out: Person[] = [];
  const titles = [...new Set([...TITLES, 'アナリスト', 'エコノミスト', 'ストラテジスト'])].join('|');
  for (const m of body.matchAll(new RegExp(`(?:${titles})`, 'gu'))) {
    const end = m.index + m[0].length;
    const mention = mentionAtEnd(body.slice(Math.max(0, end - 30), end), known);
    if (mention?.kind === 'name' && mention.title && mention.name.length >= 2) out.push({ at: m.index, name: mention.name, title: mention.title });
  }
  return out;
}

/**
 * The person a title alone points back to: the latest one before `at` holding it (首相 → 石破茂首相;
 * 同相 → 加藤勝信財務相; 総裁 → 植田和男日銀総裁). 同氏 / 同さん take the latest person of all.
 */
export function pointsBack(mention: Mention & { kind: 'back' }, at: number, people: Person[]): string | null {
  const anyone = mention.same && (mention.title === '氏' || mention.title === 'さん');
  for (let i = people.length - 1; i >= 0; i--) {
    const p = people[i]!;
    if (p.at >= at) continue;
    if (anyone || p.title === mention.title || p.title.endsWith(mention.title)) return p.name;
  }
  return null;
}
