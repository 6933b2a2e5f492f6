/**
 * @module adapters/feeds/charset — bytes to text for feeds and article pages.
 *
 * Precedence (as feed readers do; documented in README "Feeds"):
 *   1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — it cannot be there by accident;
 *   2. the HTTP `Content-Type` charset (none for files);
 *   3. the document's own declaration: `<?xml … encoding="…"?>` (feeds) or `<meta charset>` (pages),
 *      or UTF-16/32 recognised from the byte pattern of `<?xml` without a BOM;
 *   4. UTF-8 when the bytes are valid UTF-8, else detection (chardet), else windows-1252.
 * Two corrections, both because the declared value is demonstrably wrong:
 *   - a document declared (or defaulted) UTF-8 whose bytes are not valid UTF-8 is detected instead
 *     (feedparser's CharacterEncodingOverride), so an undeclared Shift_JIS feed still reads;
 *   - a header charset of ISO-8859-1 / US-ASCII / windows-1252 (a server default) gives way to a
 *     UTF-8 declaration when the bytes are valid UTF-8 and not plain ASCII.
 * ISO-8859-1 and US-ASCII labels decode as windows-1252, as browsers do (WHATWG Encoding).
 */
import iconv from 'iconv-lite';
import chardet from 'chardet';

export type CharsetSource = 'bom' | 'header' | 'declaration' | 'default' | 'detected';

export interface DecodedText {
  text: string;
  /** The encoding used, lower-cased (e.g. "utf-8", "shift_jis"). */
  encoding: string;
  source: CharsetSource;
}

const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'iso8859-1': 'windows-1252', 'us-ascii': 'windows-1252',
  ascii: 'windows-1252', 'iso_8859-1': 'windows-1252', 'x-sjis': 'shift_jis', sjis: 'shift_jis', 'shift-jis': 'shift_jis',
  'ms_kanji': 'shift_jis', 'windows-31j': 'shift_jis', cp932: 'shift_jis', 'x-euc-jp': 'euc-jp', gb2312: 'gbk',
  'ks_c_5601-1987': 'euc-kr', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'ucs-2': 'utf-16le', unicode: 'utf-16le',
  'utf-16': 'utf-16', 'utf-32': 'utf-32',
};
const WESTERN_DEFAULTS = new Set(['windows-1252']);

/** A supported encoding name for a label, or null. */
export function normaliseCharset(label: string | null | undefined): string | null {
  const l = label?.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2] ?? null;
}

function bom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised from how `<` is laid out (XML 1.0 Appendix F). */
function wideWithoutBom(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) return 'utf-16be';
  if (a === 0x3c && b === 0 && c === 0x3f && d === 0) return 'utf-16le';
  return null;
}

function head(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString('latin1');
}

function xmlDeclaration(bytes: Uint8Array): string | null {
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head(bytes, 1024).replace(/^[\s\S]*?(?=<\?xml)/, ''));
  return m?.[1] ?? null;
}

function htmlMetaCharset(bytes: Uint8Array): string | null {
  const text = head(bytes, 8192);
  const direct = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(text);
  return direct?.[1] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

/** Multi-byte characters if every non-ASCII byte forms a valid EUC-JP / Shift_JIS sequence, else -1. */
function japaneseSequences(bytes: Uint8Array, encoding: 'euc-jp' | 'shift_jis'): number {
  let count = 0;
  const inRange = (b: number | undefined, lo: number, hi: number): boolean => b !== undefined && b >= lo && b <= hi;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    if (encoding === 'euc-jp') {
      if (b === 0x8e && inRange(bytes[i + 1], 0xa1, 0xdf)) i += 1;
      else if (b === 0x8f && inRange(bytes[i + 1], 0xa1, 0xfe) && inRange(bytes[i + 2], 0xa1, 0xfe)) i += 2;
      else if (inRange(b, 0xa1, 0xfe) && inRange(bytes[i + 1], 0xa1, 0xfe)) i += 1;
      else return i >= bytes.length - 2 ? count : -1;
    } else if (inRange(b, 0xa1, 0xdf)) {
      // half-width katakana: one byte
    } else if ((inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc)) && (inRange(bytes[i + 1], 0x40, 0x7e) || inRange(bytes[i + 1], 0x80, 0xfc))) {
      i += 1;
    } else {
      return i >= bytes.length - 1 ? count : -1;
    }
    count++;
  }
  return count;
}

/** Share of non-ASCII characters that are Japanese script (kana, kanji, CJK punctuation, full-width forms). */
function japaneseShare(text: string): number {
  let non = 0;
  let jp = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    non++;
    if ((cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xff00 && cp <= 0xffef)) jp++;
  }
  return non === 0 ? 0 : jp / non;
}

/**
 * Short Japanese feeds (a few titles in a lot of ASCII markup) are too little for statistical
 * detection; a structural check — every high byte forms a valid sequence, and what it decodes to is
 * Japanese script — settles EUC-JP and Shift_JIS first.
 */
function detectJapanese(sample: Uint8Array): string | null {
  let best: { encoding: string; share: number } | null = null;
  for (const encoding of ['euc-jp', 'shift_jis'] as const) {
    if (japaneseSequences(sample, encoding) < 2) continue;
    const share = japaneseShare(iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), encoding));
    if (share >= 0.8 && (!best || share > best.share)) best = { encoding, share };
  }
  return best?.encoding ?? null;
}

function detect(bytes: Uint8Array): string {
  // A sample of 64 KB is plenty for a confident answer and keeps big files cheap.
  const sample = bytes.length > 65_536 ? bytes.subarray(0, 65_536) : bytes;
  const japanese = detectJapanese(sample);
  if (japanese) return japanese;
  const found = normaliseCharset(chardet.detect(sample));
  return found && found !== 'utf-8' ? found : 'windows-1252';
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
}

/** Decodes a feed or page; `kind` selects where the document declares its own encoding. */
export function decodeDocument(bytes: Uint8Array, options: { contentType?: string | null; kind: 'xml' | 'html' | 'json' }): DecodedText {
  const mark = bom(bytes);
  if (mark) return { text: decodeWith(bytes.subarray(mark.length), mark.encoding), encoding: mark.encoding, source: 'bom' };

  const header = normaliseCharset(charsetFromContentType(options.contentType));
  const wide = options.kind === 'xml' ? wideWithoutBom(bytes) : null;
  const declared = wide ?? normaliseCharset(options.kind === 'xml' ? xmlDeclaration(bytes) : options.kind === 'html' ? htmlMetaCharset(bytes) : null);

  let chosen: { encoding: string; source: CharsetSource } | null = null;
  if (header) chosen = { encoding: header, source: 'header' };
  if (header && WESTERN_DEFAULTS.has(header) && declared === 'utf-8' && !isAscii(bytes) && tryUtf8(bytes) !== null) {
    chosen = { encoding: 'utf-8', source: 'declaration' };
  }
  chosen ??= declared ? { encoding: declared, source: 'declaration' } : null;
  // UTF-16/32 named without byte order: the byte pattern decides (XML Appendix F), else big-endian.
  if (chosen && (chosen.encoding === 'utf-16' || chosen.encoding === 'utf-32')) {
    chosen = { encoding: wideWithoutBom(bytes) ?? `${chosen.encoding}be`, source: chosen.source };
  }

  if (!chosen || chosen.encoding === 'utf-8') {
    const utf8 = tryUtf8(bytes);
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: chosen?.source ?? 'default' };
    const guess = detect(bytes);
    return { text: decodeWith(bytes, guess), encoding: guess, source: 'detected' };
  }
  return { text: decodeWith(bytes, chosen.encoding), encoding: chosen.encoding, source: chosen.source };
}
