/**
 * @module core/quotes/ja-bodies — what 同社, 同省, 同行 … point back to: the latest organisation of that
 * kind named before. A ministry or bank is the latest word with its ending (米商務省 … 同省は); a
 * company has no fixed ending, so it is the latest sentence that opens with a name which is no person
 * (桜木精工は新工場を… 同社は「…」).
 */
import { mentionAtEnd } from './ja-people.js';

/** `同X` at the end of a mention, and the ending the organisation it points to has. */
const SAME = /同(社|省|庁|銀行|行|党|局|府|機構|協会|研究所|大学|グループ|団体)$/u;

/** What cannot be a company at the head of a sentence: places, governments, dates, people's roles. */
const NOT_COMPANY = /(?:政府|省|庁|府|党|国|県|都|市|町|村|日|月|年|週|氏|さん|関係者|幹部|担当者)$/u;

/** The organisation `同X` at the end of `s` points to, looking back from body offset `at`; else null. */
export function sameBodyBefore(s: string, body: string, at: number, known: Iterable<string>): string | null {
  const m = SAME.exec(s);
  if (!m) return null;
  const earlier = body.slice(Math.max(0, at - 1500), at);
  if (m[1] === '社' || m[1] === 'グループ') return companyBefore(earlier, [...known]);
  const ending = m[1] === '行' ? '銀行' : m[1]!;
  const named = [...earlier.matchAll(new RegExp(`[\\p{Script=Han}\\p{Script=Katakana}ーA-Za-z]*${ending}`, 'gu'))]
    .map((x) => x[0])
    .filter((w) => w.length > ending.length && !w.startsWith('同'));
  return named.at(-1) ?? null;
}

/**
 * The latest sentence before the end of `text` whose topic names a company: the last link of its
 * の-chain that is no person (自動車部品の桜木精工は → 桜木精工; トヨタ自動車の佐藤恒治社長は → トヨタ自動車).
 */
function companyBefore(text: string, known: string[]): string | null {
  const noun = '[\\p{Script=Han}\\p{Script=Katakana}ーA-Za-zＡ-Ｚａ-ｚ0-9・＆&]';
  const topic = new RegExp(`(?:^|[。\\n])\\s*((?:${noun}{1,20}の)*${noun}{2,20})(?=[はが])`, 'gu');
  const heads = [...text.matchAll(topic)];
  for (let i = heads.length - 1; i >= 0; i--) {
    const links = heads[i]![1]!.split('の');
    for (let j = links.length - 1; j >= 0; j--) {
      const name = links[j]!;
      if (name.length < 2 || name.startsWith('同') || NOT_COMPANY.test(name) || /^[0-9０-９]/u.test(name)) continue;
      if (mentionAtEnd(name, known)) continue; // a person (石破茂首相は) is no company
      return name;
    }
  }
  return null;
}
