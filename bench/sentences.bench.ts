/**
 * Sentence splitting: accuracy on a small hand-labelled set (written for this bench: abbreviations,
 * initials, decimals, quotations, ellipses, Reuters' capitalised "U.S. Officials", Japanese) and
 * throughput on the Reuters corpus, for tradewire's splitter beside Intl.Segmenter.
 * wink-nlp is not installed (it needs a language model package); the issue measured it at about
 * 2 MB/s and 99% F1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDir } from '../scripts/shared-dir.js';
import { splitSentences } from '../src/core/text/sentences.js';

/** Each case: the sentences of one paragraph, in order. The paragraph text is their join. */
const EN: string[][] = [
  ['Japan will meet U.S. Trade Representative Clara Voss on Monday.', 'Mr. Abe said the talks would be hard.'],
  ['The ministry spoke to the U.S.', 'This declaration came a day after the vote.'],
  ['Officials met at 9 a.m. Tokyo time on Jan. 5 in Room No. 10.', 'They left at noon.'],
  ['The meeting ended at 4 p.m.', 'The minister then flew home.'],
  ['Prices rose 2.5 pct in March, the U.S. Commerce Dept. said.', 'Analysts had expected 2.1 pct.'],
  ['Sen. Ann Holt and Gov. Lee Park spoke first.', 'Dr. Ito followed them.'],
  ['Frederick E.O. Tanaka won the award.', 'John Q. Public was not impressed.'],
  ['"We will not give up," she said.', '"The talks go on."'],
  ['"Is that fair?" asked Mr. Brandt.', 'Nobody answered.'],
  ['"We are in the market ... but it is up to them," he said.', 'Then he left.'],
  ['Exports fell...', 'The yen rose again.'],
  ['The firm was founded by H.J. Moore in 1869.', 'It now sells in 200 markets.'],
  ['Japan and the U.S. Kick off top-level trade talks tomorrow.', 'The U.S. Is buying more imports.'],
  ['The dollar traded at 153.70 yen.', 'It had closed at 152.90 on Friday.'],
  ['Shares of Nikko Securities Co. rose.', 'The broker gained 3%.'],
  ['The deal was signed by Kobe Steel Ltd. and Alcoa Inc. last week.', 'Terms were not disclosed.'],
  ['He asked: "Why now?"', 'The room went quiet.'],
  ['The plan (first floated in Oct. 2023) was dropped.', 'Few noticed.'],
  ['Growth slowed to 0.8%.', 'India led the group.'],
  ['The U.K. and the U.S. agreed.', 'Talks resume on Sept. 3.'],
  ['St. Louis barge rates firmed.', 'Gulf loadings were steady.'],
  ['"It condemns Japan without due process," one official said.', '"We have no leverage."'],
  ['The car rate is the headline.', 'But the fine print matters.'],
  ['Washington wants more, e.g. rice and beef.', 'Tokyo resists.'],
  ['Sales reached $1.5 billion.', '"A record," said Ms. Ueda.'],
  ['The vote was 52-48!', 'Nobody had expected it.'],
  ['It was the 3rd time in the U.S. since 1990.', 'He said the reason was unclear.'],
  ['Talks with Gen. Motors executives in Detroit went well.', 'A deal is near.'],
  ['“We are the first country to do this,” he told reporters.', 'Ishiba called the rate “the lowest ever.”', 'Markets rose.'],
  ['The Bank of Japan left rates unchanged.', 'Governor K. Ueda said inflation was on track.'],
  ['Rep. Bob Matsui, D-Calif., will introduce the bill.', 'It has 40 co-sponsors.'],
  ['He moved to Washington, D.C. in 1985.', 'The move paid off.'],
  ['The index closed at 38,100.5 points.', 'Volume was light.'],
  ['Output rose 10 pct.', 'Consumption fell.'],
  ['The new tariffs hit the U.S.', 'Trump said he would respond.'],
  ['The yen firmed in Tokyo.', 'In New York it slipped.', 'No. 2 trader Co. declined to comment.'],
  ['Approx. 40 delegates attended, vs. 60 last year.', 'The mood was grim.'],
];
const JA: string[][] = [
  ['政府関係者は「自動車の税率を引き下げられた。国内の雇用を守る」と述べた。', '一方、幹部は慎重だった。'],
  ['円相場は1ドル＝157円前後で取引された。', '市場は介入を警戒している。'],
  ['石破茂首相は23日、記者団の取材に応じた。', '合意の内容を説明した！', '質問は続いた？'],
  ['担当者は「次は何か。」と話した。', '会見は終わった。'],
];

interface Labelled {
  text: string;
  gold: string[];
  lang: 'en' | 'ja';
}
const labelled: Labelled[] = [
  ...EN.map((s) => ({ text: s.join(' '), gold: s, lang: 'en' as const })),
  ...JA.map((s) => ({ text: s.join(''), gold: s, lang: 'ja' as const })),
];

type Splitter = (text: string, lang: 'en' | 'ja') => string[];

const segmenters = { en: new Intl.Segmenter('en', { granularity: 'sentence' }), ja: new Intl.Segmenter('ja', { granularity: 'sentence' }) };
const splitters: Record<string, Splitter> = {
  tradewire: (text) => splitSentences(text).map((s) => text.slice(s.start, s.end)),
  'Intl.Segmenter': (text, lang) => [...segmenters[lang].segment(text)].map((s) => s.segment.trim()).filter(Boolean),
};

function f1(split: Splitter): { p: number; r: number; f: number } {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const { text, gold: g, lang } of labelled) {
    const pred = split(text, lang);
    const left = [...g];
    for (const s of pred) {
      const at = left.indexOf(s);
      if (at >= 0) {
        tp++;
        left.splice(at, 1);
      }
    }
    predicted += pred.length;
    gold += g.length;
  }
  const p = tp / predicted;
  const r = tp / gold;
  return { p, r, f: (2 * p * r) / (p + r) };
}

function corpus(): string[] {
  const raw = gunzipSync(readFileSync(join(sharedDir(), 'corpora', 'reuters21578-train.jsonl.gz')));
  return raw
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title: string; body: string })
    .map((a) => `${a.title}\n\n${a.body}`);
}

/** MB/s by the wall clock and by this process's CPU time (steadier on a shared machine); medians of 3 runs. */
function throughput(split: Splitter, texts: string[], bytes: number): { wall: number; cpu: number; sentences: number } {
  let sentences = 0;
  for (const t of texts.slice(0, 500)) sentences += split(t, 'en').length; // warm up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 3; round++) {
    sentences = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const t of texts) sentences += split(t, 'en').length;
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
  return { wall: bytes / 1e6 / (median(wall) / 1000), cpu: bytes / 1e6 / (median(cpu) / 1000), sentences };
}

export default async function bench(): Promise<void> {
  const texts = corpus();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const sentenceCount = labelled.reduce((n, l) => n + l.gold.length, 0);
  console.log(`labelled set: ${labelled.length} paragraphs, ${sentenceCount} sentences; corpus: ${texts.length} Reuters articles, ${(bytes / 1e6).toFixed(1)} MB (median of 3 runs)`);
  console.log('splitter         P      R      F1     MB/s (wall)  MB/s (cpu)  sentences in corpus');
  const speeds: number[] = [];
  for (const [name, split] of Object.entries(splitters)) {
    const { p, r, f } = f1(split);
    const { wall, cpu, sentences } = throughput(split, texts, bytes);
    speeds.push(cpu);
    console.log(`${name.padEnd(15)}  ${p.toFixed(3)}  ${r.toFixed(3)}  ${f.toFixed(3)}  ${wall.toFixed(1).padStart(11)}  ${cpu.toFixed(1).padStart(10)}  ${sentences}`);
  }
  console.log(`tradewire ÷ Intl.Segmenter (cpu): ${(speeds[0]! / speeds[1]!).toFixed(2)}`);
  const misses = labelled.flatMap(({ text, gold, lang }) => {
    const pred = splitters.tradewire!(text, lang);
    return pred.join('|') === gold.join('|') ? [] : [`  tradewire: ${JSON.stringify(pred)}`];
  });
  if (misses.length) console.log(misses.join('\n'));
  await Promise.resolve();
}
