/**
 * @module core/quotes/ja-names — the parts of a Japanese person mention: titles after a name
 * (主席研究員, 首相, 氏, チーフエコノミスト …) and names whose given or family name is in hiragana
 * (片山さつき, 杉浦みのり, やまだ一郎), which ordinary particle rules would cut apart.
 */

/** Titles after a name, longest first so 主席研究員 wins over 研究員. */
export const TITLES = [
  '代表取締役社長', '代表幹事', '日銀副総裁', '日銀総裁', '財務長官', '商務長官', '国務長官', '通商代表', '財務官', '主席研究員', '主任研究員', '上席研究員', '特別研究員', '経済再生相', '官房長官', '代表取締役', '研究員',
  '副社長', '副総裁', '准教授', '理事長', '委員長', '審議官', '財務相', '外務相', '経産相', '社長', '会長', '専務', '常務',
  '部長', '課長', '局長', '次官', '首相', '外相', '長官', '大統領', '教授', '所長', '総裁', '議長', '知事', '市長', '代表',
  '農林水産相', '農水相', '厚生労働相', '厚労相', '文部科学相', '文科相', '国土交通相', '国交相', '経済産業相', '環境相',
  '防衛相', '総務相', '法相', '復興相', '経済財政相', 'デジタル相', '副大臣', '大臣', '政務官', '事務次官', '報道局長', '報道官',
  '理事', '会頭', '顧問', '室長', '監督', '選手', '主幹', '主任', '主査', '記者', '氏', 'さん', '相',
].sort((a, b) => b.length - a.length);

export const HAN = /\p{Script=Han}/u;

/**
 * A family name in kanji and a given name in hiragana at the end of `s`, before a title:
 * 片山さつき(財務相) → its length, else 0. The kana may not hold a particle (の, は, に …) nor end
 * like a verb or adjective (する, 住む, 高い), so 都内に住む(会社員) is no name.
 */
export function kanaGivenName(s: string, beforeTitle = false): number {
  const m = /(?:^|[^\p{Script=Han}々])([\p{Script=Han}々]{1,3})([\p{Script=Hiragana}]{2,4})$/u.exec(s);
  if (m && !/[のはがをにでともへや]/u.test(m[2]!) && !/[るうすつむくぐぶたい]$/u.test(m[2]!)) return m[1]!.length + m[2]!.length;
  if (!beforeTitle) return 0;
  // Right before a title (研究員, 主任, アナリスト), kana is a name unless it opens like a particle:
  // 田中ともこ主任, 佐藤ゆい研究員; a family name in kana: やまだ一郎チーフエコノミスト.
  if (m && !/^[のはがをにでへ]/u.test(m[2]!) && !/[るうすつむくぐぶ]$/u.test(m[2]!)) return m[1]!.length + m[2]!.length;
  const k = /(?:^|[の、\s「」（）])([\p{Script=Hiragana}]{2,4})([\p{Script=Han}々]{1,3})$/u.exec(s);
  if (k && !/^[のはがをにでとへ]/u.test(k[1]!)) return k[1]!.length + k[2]!.length;
  return 0;
}

/**
 * A family name in kana before s[i..]: やまだ|一郎チーフエコノミスト — a kanji given name right at `i`,
 * then a title; the kana follows の, 、 or a bracket. Returns the kana's length, else 0.
 */
export function kanaFamilyName(s: string, i: number, end: number): number {
  const k = /(?:^|[の、\s「」（）])([\p{Script=Hiragana}]{2,4})$/u.exec(s.slice(Math.max(0, i - 5), i));
  if (!k || /^[のはがをにでとへ]/u.test(k[1]!)) return 0;
  for (let n = 1; n <= 3 && i + n < end; n++) if (HAN.test(s[i + n - 1]!) && opensWithTitle(s.slice(i + n, end))) return k[1]!.length;
  return 0;
}

/** Titles in katakana after a name: 鈴木ひとみアナリスト, 佐伯美穂チーフ為替ストラテジスト. */
export const KATAKANA_TITLE = /^(?:シニア|チーフ|マネージング)?[\p{Script=Han}]{0,4}(?:アナリスト|エコノミスト|ストラテジスト|ディレクター|マネジャー|マネージャー|フェロー|リサーチャー|コンサルタント|ディーラー|トレーダー)/u;

/** Whether `rest` (what follows a possible name) opens with a title. */
export function opensWithTitle(rest: string): boolean {
  return KATAKANA_TITLE.test(rest) || TITLES.some((t) => t.length >= 2 && rest.startsWith(t));
}

