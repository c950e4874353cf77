// npm run bench -- check [--all-misses] [--corpus FILE]: runs the guidance check over a labelled corpus (by default
// test/guidance/corpus.jsonl; test/guidance/holdout.jsonl is the held-out set) and prints one JSON object: precision
// and recall per rule, and the time to check a 500-character draft.
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkDraft } from '../src/guidance/check.js';
import { CORPUS_PATH, readCorpus, type CorpusItem } from '../test/guidance/corpus.js';
import { corpusPolicy } from '../test/guidance/corpus-policy.js';
import { checkCorpus, contextFor } from '../test/guidance/score-corpus.js';

const LENGTH = 500;
const WARM_UP_ROUNDS = 200;
const TIMED_ROUNDS = 300;
const MISSES_SHOWN = 8;
const { values: options } = parseArgs({ options: { 'all-misses': { type: 'boolean' }, corpus: { type: 'string' } } });
const allMisses = options['all-misses'] === true;
const progress = (message: string) => process.stderr.write(`check bench: ${message}\n`);

const round = (x: number | null, places: number) => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The draft's text repeated or cut to exactly `LENGTH` characters, so that every timed draft is the same size. */
function atLength(text: string): string {
  let long = text;
  while (long.length < LENGTH * 2) long = `${long} ${text}`;
  return Array.from(graphemes.segment(long), (part) => part.segment)
    .slice(0, LENGTH)
    .join('');
}

const corpusFile = options.corpus === undefined ? CORPUS_PATH : pathToFileURL(resolve(options.corpus));
const items = readCorpus(corpusFile);
progress(`scoring ${items.length} drafts of ${corpusFile.pathname}`);
const score = checkCorpus(items);

// Time the drafts of 150 characters or more, made 500 long: real replies of every kind, at the size the issue asks about.
const timed: CorpusItem[] = items.filter((item) => item.text.length >= 150).map((item) => ({ ...item, text: atLength(item.text) }));
const contexts = timed.map(contextFor);
progress(`timing ${timed.length} drafts of ${LENGTH} characters, ${TIMED_ROUNDS} rounds after ${WARM_UP_ROUNDS} to warm up`);
let findings = 0;
for (let r = 0; r < WARM_UP_ROUNDS; r++) {
  timed.forEach((item, i) => {
    const context = contexts[i];
    if (context !== undefined) findings += checkDraft(item.text, context, corpusPolicy).findings.length;
  });
}
const samples: number[] = [];
let cpuMicros = 0;
for (let r = 0; r < TIMED_ROUNDS; r++) {
  const cpuBefore = process.cpuUsage();
  timed.forEach((item, i) => {
    const context = contexts[i];
    if (context === undefined) return;
    const started = performance.now();
    findings += checkDraft(item.text, context, corpusPolicy).findings.length;
    samples.push(performance.now() - started);
  });
  const cpu = process.cpuUsage(cpuBefore);
  cpuMicros += cpu.user + cpu.system;
}
samples.sort((a, b) => a - b);

const misses = Object.fromEntries(
  Object.entries(score.misses).map(([rule, { falseNegatives, falsePositives }]) => [
    rule,
    {
      falseNegatives: allMisses ? falseNegatives : falseNegatives.slice(0, MISSES_SHOWN),
      falsePositives: allMisses ? falsePositives : falsePositives.slice(0, MISSES_SHOWN),
    },
  ]),
);

console.log(
  JSON.stringify({
    name: 'check',
    unit: 'ms',
    value: round(percentile(samples, 0.5), 4),
    p99Ms: round(percentile(samples, 0.99), 4),
    meanMs: round(samples.reduce((sum, x) => sum + x, 0) / samples.length, 4),
    // CPU this process spent per check, timer calls included: less disturbed than wall time on a busy machine.
    cpuMsPerDraft: round(cpuMicros / 1000 / samples.length, 4),
    timedDrafts: timed.length,
    draftLength: LENGTH,
    samples: samples.length,
    findingsSeen: findings,
    corpus: corpusFile.pathname,
    drafts: score.drafts,
    perRule: Object.fromEntries(
      Object.entries(score.perRule).map(([rule, s]) => [rule, { ...s, precision: round(s.precision, 3), recall: round(s.recall, 3) }]),
    ),
    overallPrecision: round(score.overallPrecision, 3),
    overallRecall: round(score.overallRecall, 3),
    misses,
    node: process.version,
    cpus: availableParallelism(),
    loadAverage: round(loadavg()[0] ?? 0, 2),
  }),
);
