/**
 * `tradewire analyze` on pages and text files as people save them: in their own charset (Shift_JIS,
 * EUC-JP, windows-1252), with the headline repeated as an `<h1>`, with a quotation wrapped onto the
 * next line — run in-process through runCli with captured streams.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

interface Line {
  id: string;
  topics: { id: string }[];
  summary: string;
  quotes: { text: string; speaker: string }[];
}

async function analyze(args: string[], stdin: Buffer = Buffer.alloc(0)): Promise<{ code: number; lines: Line[] }> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCli(['analyze', ...args], { stdout: out, stderr: new PassThrough(), stdin: input, env: {} });
  return { code, lines: chunks.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line) };
}

const JA_TITLE = '円安が一段と進む';
const JA_PAGE = `<html><head><meta charset="shift_jis"><title>${JA_TITLE}</title></head><body><article><h1>${JA_TITLE}</h1>` +
  '<p>東京外国為替市場で円相場は一時１ドル＝１６０円台まで下落した。市場では政府・日銀による為替介入への警戒感が強まっている。</p>' +
  '<p>財務省の幹部は「過度な変動は望ましくない」と述べ、市場をけん制した。円安は輸入物価の上昇を通じて家計を圧迫している。</p></article></body></html>';
const EN_PAGE = '<!doctype html><html><head><meta charset="windows-1252"><title>Yen slides past 160 | Example News</title></head><body><main><article>' +
  '<h1>Yen slides past 160 per dollar as traders eye Tokyo</h1>' +
  '<p>The yen fell past 160 per dollar on Monday, its weakest in decades, and traders said Japan’s finance ministry could step into the market.</p>' +
  '<p>“We are watching the market with a strong sense of urgency,” the vice finance minister said on Monday evening in Tokyo.</p>' +
  '<p>Exporters welcomed the weaker currency while importers and households complained about rising prices for fuel and food.</p></article></main></body></html>';

let dir: string;
const at = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-analyze-inputs-'));
  writeFileSync(at('sjis.html'), iconv.encode(JA_PAGE, 'shift_jis'));
  writeFileSync(at('cp1252.html'), iconv.encode(EN_PAGE, 'windows-1252'));
  writeFileSync(at('eucjp.txt'), iconv.encode(`${JA_TITLE}\n\n財務省の幹部は「過度な変動は望ましくない」と述べ、市場をけん制した。円相場は一時１６０円台まで下落した。\n`, 'euc-jp'));
  writeFileSync(at('cp1252.txt'), iconv.encode('Yen slides past 160\n\nThe yen fell past 160 per dollar on Monday and traders said Japan’s finance ministry could step in.\n\n“We are watching the market with a strong sense of urgency,” the vice finance minister said.\n', 'windows-1252'));
  writeFileSync(at('wrapped.txt'), 'Tokyo warns on yen\nThe finance minister said on Monday that "we will take\nappropriate action against excessive moves in the market," adding that speculators were active.\nThe yen was at 158 per dollar.\n');
});

describe('tradewire analyze: charsets, headlines, wrapped lines', () => {
  it('decodes a Shift_JIS page by its <meta charset> and drops the <h1> repeated as the first paragraph', async () => {
    const run = await analyze([at('sjis.html')]);
    expect(run.code).toBe(0);
    const [line] = run.lines;
    expect(line!.summary).toContain('円相場は一時１ドル＝１６０円台まで下落した');
    expect(line!.summary.startsWith(JA_TITLE)).toBe(false);
    expect(line!.quotes).toEqual([{ text: '過度な変動は望ましくない', speaker: '財務省の幹部' }]);
    expect(line!.topics.map((t) => t.id)).toEqual(['fx']);
  });

  it('drops an <h1> that differs from the <title> (site name) but opens the body, and reads windows-1252', async () => {
    const run = await analyze([at('cp1252.html')]);
    const [line] = run.lines;
    expect(line!.summary.startsWith('The yen fell past 160 per dollar on Monday')).toBe(true);
    expect(line!.summary).toContain('Japan’s finance ministry');
    expect(line!.quotes[0]!.text).toBe('We are watching the market with a strong sense of urgency,');
  });

  it('decodes .txt files by detection (EUC-JP, windows-1252)', async () => {
    const run = await analyze([at('eucjp.txt'), at('cp1252.txt')]);
    expect(run.lines.map((l) => l.quotes[0]?.text)).toEqual(['過度な変動は望ましくない', 'We are watching the market with a strong sense of urgency,']);
    expect(run.lines[1]!.summary).toContain('Japan’s finance ministry');
  });

  it('decodes a Shift_JIS page from stdin', async () => {
    const run = await analyze(['-'], iconv.encode(JA_PAGE, 'shift_jis'));
    expect(run.lines[0]!.quotes).toEqual([{ text: '過度な変動は望ましくない', speaker: '財務省の幹部' }]);
  });

  it('keeps a quotation wrapped onto the next line of a one-paragraph-per-line .txt whole', async () => {
    const run = await analyze([at('wrapped.txt')]);
    expect(run.lines[0]!.quotes).toEqual([{ text: 'we will take appropriate action against excessive moves in the market,', speaker: 'the finance minister' }]);
  });
});
