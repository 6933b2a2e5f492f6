/**
 * `tradewire analyze` end to end: every input type, stdin, --explain, bad files and bad rules — run
 * in-process through runCli with captured streams, and once through the built dist/cli.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

const TARIFF_STORY = {
  title: 'Japan presses U.S. on car tariffs in new round of talks',
  body: 'WASHINGTON — Japan’s chief trade negotiator met U.S. officials on Thursday for another round of tariff talks, pressing for lower duties on Japanese cars.\n\n"We will keep talking until both sides are satisfied," the negotiator told reporters after the meeting.',
};
const YEN_STORY = {
  title: 'Yen slides past 150 per dollar, intervention talk grows',
  body: 'TOKYO — The yen fell past 150 per dollar on Monday, and traders said the finance ministry could step into the currency market soon.\n\nA ministry official declined to comment.',
};
const PLAIN = { title: 'Bakery opens in harbour town', body: 'A bakery opened on the harbour front on Saturday, selling bread and cakes to a queue of visitors.' };

interface Run {
  code: number;
  lines: Record<string, unknown>[];
  errors: Record<string, unknown>[];
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function analyze(args: string[], stdinText = '', env: Record<string, string> = {}): Promise<Run> {
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const code = await runCli(['analyze', ...args], { stdout: out.stream, stderr: err.stream, stdin, env });
  const parse = (text: string): Record<string, unknown>[] => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines: parse(out.text()), errors: parse(err.text()), stderr: err.text() };
}

const topicIds = (line: Record<string, unknown>): string[] => (line.topics as { id: string }[]).map((t) => t.id).sort();

let dir: string;
const at = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-analyze-'));
  writeFileSync(at('one.json'), JSON.stringify({ id: 'story-1', ...TARIFF_STORY }));
  writeFileSync(at('many.json'), JSON.stringify([{ id: 'a', ...YEN_STORY }, PLAIN, { title: 42, body: 'x' }]));
  writeFileSync(at('feed.jsonl'), [JSON.stringify({ id: 'j1', ...YEN_STORY }), '', '{not json', JSON.stringify(PLAIN), '[1,2]'].join('\n'));
  writeFileSync(at('story.txt'), `${TARIFF_STORY.title}\n\n[image: ]\n${TARIFF_STORY.body.replace('\n\n', '\n')}\n`);
  const paragraphs = Array.from({ length: 4 }, () => `<p>${YEN_STORY.body.replace('\n\n', ' ')} Dealers said the move had been expected for weeks and that volumes were thin.</p>`).join('');
  writeFileSync(at('page.html'), `<!doctype html><html><head><title>${YEN_STORY.title}</title></head><body><nav>Home | Markets</nav><article><h1>${YEN_STORY.title}</h1>${paragraphs}</article><footer>© Example</footer></body></html>`);
  writeFileSync(at('broken.json'), '{"title": "unterminated');
  writeFileSync(at('notes.md'), '# not an article');
  mkdirSync(at('config'));
  writeFileSync(at('config/topics.yaml'), 'topics:\n  - id: bakery\n    rule: bread AND cake*\n    threshold: 1\n');
  mkdirSync(at('badconfig'));
  writeFileSync(at('badconfig/topics.yaml'), 'aliases:\n  sweet: [cake*]\ntopics:\n  - id: bakery\n    rule: bread AND (@sweet OR)\n');
});

describe('tradewire analyze', () => {
  it('prints one JSON line per article with id, topics (score, hits), summary, quotes and keyQuotes', async () => {
    const run = await analyze([at('one.json')]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    const [line] = run.lines;
    expect(Object.keys(line!)).toEqual(['id', 'topics', 'summary', 'quotes', 'keyQuotes']);
    expect(line!.id).toBe('story-1');
    expect(topicIds(line!)).toEqual(['tariffs', 'us-japan']);
    const tariffs = (line!.topics as { id: string; score: number; hits: { term: string; text: string; field: string; offset: number }[] }[]).find((t) => t.id === 'tariffs')!;
    expect(tariffs.score).toBeGreaterThanOrEqual(2);
    expect(tariffs.hits[0]).toEqual({ term: 'tariff*', text: 'tariffs', field: 'title', offset: TARIFF_STORY.title.indexOf('tariffs') });
    expect(typeof line!.summary).toBe('string');
    expect(Array.isArray(line!.quotes) && Array.isArray(line!.keyQuotes)).toBe(true);
  });

  it('reads a .json array; an element that is not an article is an error line, the others are analysed', async () => {
    const run = await analyze([at('many.json')]);
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.id)).toEqual(['a', `${at('many.json')}[1]`]);
    expect(topicIds(run.lines[0]!)).toEqual(['fx']);
    expect(run.lines[1]!.topics).toEqual([]);
    expect(run.errors).toEqual([
      { source: at('many.json'), index: 2, error: { code: 'not_an_article', message: `${at('many.json')}[2]: expected "title" to be a string, found 42` } },
    ]);
  });

  it('reads .jsonl line by line: ids fall back to file:line, bad lines are reported by number', async () => {
    const run = await analyze([at('feed.jsonl')]);
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.id)).toEqual(['j1', `${at('feed.jsonl')}:4`]);
    expect(run.errors.map((e) => [e.line, (e.error as { code: string }).code])).toEqual([
      [3, 'bad_json'],
      [5, 'not_an_article'],
    ]);
    expect((run.errors[0]!.error as { message: string }).message).toMatch(new RegExp(`^${at('feed.jsonl')}:3: not valid JSON`));
  });

  it('reads .txt with the title on the first line (the file name is the id)', async () => {
    const run = await analyze([at('story.txt')]);
    expect(run.code).toBe(0);
    expect(run.lines[0]!.id).toBe(at('story.txt'));
    expect(topicIds(run.lines[0]!)).toEqual(['tariffs', 'us-japan']);
    expect(run.lines[0]!.summary).not.toContain('[image');
  });

  it('reads .html through the article extractor', async () => {
    const run = await analyze([at('page.html')]);
    expect(run.code).toBe(0);
    expect(run.lines[0]!.id).toBe(at('page.html'));
    expect(topicIds(run.lines[0]!)).toEqual(['fx']);
    expect(run.lines[0]!.summary).not.toContain('Home | Markets');
  });

  it('reads stdin given as -: a JSON object, JSON lines or plain text', async () => {
    expect((await analyze(['-'], JSON.stringify(YEN_STORY))).lines.map((l) => [l.id, topicIds(l)])).toEqual([['stdin', ['fx']]]);
    const jsonl = `${JSON.stringify(YEN_STORY)}\n${JSON.stringify({ id: 'x', ...PLAIN })}\n`;
    expect((await analyze(['-'], jsonl)).lines.map((l) => l.id)).toEqual(['stdin:1', 'x']);
    const text = await analyze(['-'], `${TARIFF_STORY.title}\n${TARIFF_STORY.body}`);
    expect(topicIds(text.lines[0]!)).toEqual(['tariffs', 'us-japan']);
  });

  it('reports an unreadable, malformed or unsupported file and still analyses the rest (exit 1)', async () => {
    const run = await analyze([at('missing.json'), at('broken.json'), at('notes.md'), at('one.json')]);
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.id)).toEqual(['story-1']);
    expect(run.errors.map((e) => [e.source, (e.error as { code: string }).code])).toEqual([
      [at('missing.json'), 'unreadable'],
      [at('broken.json'), 'bad_json'],
      [at('notes.md'), 'unsupported_input'],
    ]);
    for (const e of run.errors) expect((e.error as { message: string }).message.startsWith(e.source as string)).toBe(true);
  });

  it('--explain adds why each topic with a hit matched or not', async () => {
    const run = await analyze(['--explain', at('one.json')]);
    const explain = run.lines[0]!.explain as { id: string; matched: boolean; verdict: string; score: number; clauses: { result: boolean } }[];
    const tariffs = explain.find((e) => e.id === 'tariffs')!;
    expect(tariffs).toMatchObject({ matched: true, verdict: 'matched', clauses: { result: true } });
    expect(explain.every((e) => e.matched === topicIds(run.lines[0]!).includes(e.id))).toBe(true);
  });

  it('--config uses that folder’s topics', async () => {
    const run = await analyze(['--config', at('config'), '-'], JSON.stringify(PLAIN));
    expect(topicIds(run.lines[0]!)).toEqual(['bakery']);
  });

  it('a bad rule stops it before any article, naming topic, rule, column and expectation (exit 2)', async () => {
    const run = await analyze(['--config', at('badconfig'), at('one.json')]);
    expect(run.code).toBe(2);
    expect(run.lines).toEqual([]);
    expect(run.stderr).toContain(`${join(at('badconfig'), 'topics.yaml')}: topics.0.rule: topic "bakery": rule "bread AND (@sweet OR)" at column 21: expected a term`);
  });

  it('usage errors exit 2', async () => {
    expect((await analyze([])).code).toBe(2);
    expect((await analyze(['--frobnicate', at('one.json')])).stderr).toContain('unknown option --frobnicate');
  });

  it('runs as the built bin (dist/cli.js)', () => {
    const run = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '-', at('missing.json')], { input: JSON.stringify({ id: 'bin', ...YEN_STORY }), encoding: 'utf8' });
    expect(run.status).toBe(1);
    const line = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect([line.id, topicIds(line)]).toEqual(['bin', ['fx']]);
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ source: at('missing.json'), error: { code: 'unreadable' } });
  });
});
