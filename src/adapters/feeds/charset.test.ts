import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeDocument } from './charset.js';

const xml = (decl: string, body: string): string => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${body}</title></channel></rss>`;
const ja = '経済産業省、対米関税で協議';

describe('decodeDocument precedence: BOM > header > declaration > UTF-8 > detection', () => {
  it('a BOM wins over everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(xml(' encoding="iso-8859-1"', ja), 'utf-16be')]);
    expect(decodeDocument(bytes, { contentType: 'text/xml; charset=shift_jis', kind: 'xml' })).toMatchObject({ encoding: 'utf-16be', source: 'bom' });
    const utf32 = Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(xml('', ja), 'utf-32be')]);
    expect(decodeDocument(utf32, { kind: 'xml' }).text).toContain(ja);
  });

  it('the header wins over the declaration', () => {
    const r = decodeDocument(iconv.encode(xml(' encoding="EUC-JP"', ja), 'shift_jis'), { contentType: 'application/rss+xml; charset="Shift_JIS"', kind: 'xml' });
    expect(r).toMatchObject({ encoding: 'shift_jis', source: 'header' });
    expect(r.text).toContain(ja);
  });

  it('the declaration applies when there is no header, KOI8-R and Big5 included', () => {
    expect(decodeDocument(iconv.encode(xml(' encoding="KOI8-R"', 'Первая новость'), 'koi8-r'), { kind: 'xml' }).text).toContain('Первая новость');
    expect(decodeDocument(iconv.encode(xml(" encoding='big5'", '台灣新聞'), 'big5'), { kind: 'xml' }).text).toContain('台灣新聞');
  });

  it('UTF-16 without a BOM is recognised from the bytes', () => {
    const r = decodeDocument(iconv.encode(xml(' encoding="UTF-16"', ja), 'utf-16le'), { kind: 'xml' });
    expect(r).toMatchObject({ encoding: 'utf-16le' });
    expect(r.text).toContain(ja);
  });

  it('invalid UTF-8 under a UTF-8 label is detected instead', () => {
    const r = decodeDocument(iconv.encode(xml(' encoding="utf-8"', ja), 'euc-jp'), { contentType: 'text/xml; charset=utf-8', kind: 'xml' });
    expect(r).toMatchObject({ encoding: 'euc-jp', source: 'detected' });
    expect(r.text).toContain(ja);
  });

  it('a Latin-1 server default gives way to a UTF-8 declaration when the bytes are UTF-8', () => {
    const r = decodeDocument(Buffer.from(xml(' encoding="UTF-8"', 'Zölle – „Brüssel“')), { contentType: 'text/xml; charset=ISO-8859-1', kind: 'xml' });
    expect(r.text).toContain('Zölle – „Brüssel“');
  });

  it('ISO-8859-1 labels decode as windows-1252 (curly quotes in 0x80–0x9F)', () => {
    const r = decodeDocument(Buffer.from([...Buffer.from('<t>'), 0x93, 0x68, 0x69, 0x94, ...Buffer.from('</t>')]), { contentType: 'text/xml; charset=iso-8859-1', kind: 'xml' });
    expect(r.text).toBe('<t>“hi”</t>');
  });

  it('reads <meta charset> for pages', () => {
    const page = iconv.encode(`<html><head><meta charset="shift_jis"></head><body>${ja}</body></html>`, 'shift_jis');
    expect(decodeDocument(page, { kind: 'html' }).text).toContain(ja);
  });

  it('parses the charset parameter', () => {
    expect(charsetFromContentType('text/xml; charset="utf-8"; q=1')).toBe('utf-8');
    expect(charsetFromContentType('text/xml')).toBeNull();
  });
});
