// npm run bench -- match [posts] [watches]: matches a seeded corpus (200,000 posts, 10,000 watches by default, written
// to bench/data/ once) with the presearcher-indexed matcher and with the reference evaluator, and prints one JSON object.
import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { main } from '../src/cli.js';
import {
  createMatcher,
  createReferenceMatcher,
  parseQuery,
  type MatchablePost,
  type Matcher,
  type QueryNode,
} from '../src/listening/query/index.js';
import { ensureCorpus, generateWatches, type WatchText } from './generators/match-corpus.js';

const postCount = Number(process.argv[2] ?? 200_000);
const watchCount = Number(process.argv[3] ?? 10_000);
const SEED = 20_240_909;
const REFERENCE_SAMPLE = 1_000;
const progress = (message: string) => process.stderr.write(`match bench: ${message}\n`);

setFlagsFromString('--expose-gc');
const gcFunction: unknown = runInNewContext('gc');
const collectGarbage = () => {
  if (typeof gcFunction === 'function') Reflect.apply(gcFunction, undefined, []);
};

progress(`corpus of ${postCount} posts and ${watchCount} watches (generated once into bench/data/)`);
const { postsFile, watchesFile } = ensureCorpus(postCount, watchCount, SEED);
const posts = readFileSync(postsFile, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line): MatchablePost => readPost(JSON.parse(line)));
const watches: WatchText[] = readWatches(JSON.parse(readFileSync(watchesFile, 'utf8')));

function readPost(value: unknown): MatchablePost {
  if (typeof value !== 'object' || value === null || !('id' in value) || !('text' in value)) throw new Error('bad post');
  const { id, text } = value;
  const field = (name: string): string | undefined => {
    const v: unknown = Reflect.get(value, name);
    return typeof v === 'string' ? v : undefined;
  };
  if (typeof id !== 'string' || typeof text !== 'string') throw new Error('bad post');
  return { id, text, author: field('author'), lang: field('lang'), source: field('source') };
}

function readWatches(value: unknown): WatchText[] {
  if (!Array.isArray(value)) throw new Error('bad watches file');
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('id' in item) || !('query' in item)) throw new Error('bad watch');
    const { id, query } = item;
    if (typeof id !== 'string' || typeof query !== 'string') throw new Error('bad watch');
    return { id, query };
  });
}

function parsedWatches(list: readonly WatchText[]): [string, QueryNode][] {
  return list.map(({ id, query }) => {
    const result = parseQuery(query);
    if (!result.ok) throw new Error(`watch ${id} does not parse: ${result.errors[0]?.message ?? ''}`);
    return [id, result.query];
  });
}

function build(make: () => Matcher, list: readonly WatchText[]): Matcher {
  const matcher = make();
  for (const { id, query } of list) matcher.set(id, query);
  return matcher;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Milliseconds of CPU this process spent running `run`: less disturbed than wall time when the machine is busy. */
function cpuTime(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const round = (x: number, places = 0) => Math.round(x * 10 ** places) / 10 ** places;

// The mix of the watches, as parsed.
const trees = parsedWatches(watches);
const share = (test: (text: string) => boolean) => round(watches.filter((w) => test(w.query)).length / watches.length, 3);
const watchMix = {
  phrases: share((q) => q.includes('"')),
  near: share((q) => /NEAR\//.test(q)),
  prefixes: share((q) => q.includes('*')),
  not: share((q) => /(^|\s)(-|NOT )/.test(q)),
  fields: share((q) => /(^|[\s(])([#@]|\w+:)/.test(q)),
  orGroups: share((q) => q.includes(' OR ')),
};

progress('compiling');
const compileTimes: number[] = [];
const compileCpuTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  collectGarbage();
  compileCpuTimes.push(cpuTime(() => compileTimes.push(time(() => build(createMatcher, watches)))));
}
const parseMs = time(() => parsedWatches(watches));

collectGarbage();
const heapBefore = process.memoryUsage().heapUsed;
const matcher = build(createMatcher, watches);
collectGarbage();
const memoryMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

progress('adding single watches');
const extra = generateWatches(1_000, SEED + 2).map((w) => ({ id: `extra-${w.id}`, query: w.query }));
const addTimes = extra.map(({ id, query }) => time(() => matcher.set(id, query)));
for (const { id } of extra) matcher.remove(id);

progress('matching');
for (const post of posts.slice(0, 20_000)) matcher.match(post);
const passes: number[] = [];
const cpuPasses: number[] = [];
let matchedPosts = 0;
let matchedWatches = 0;
const statsBefore = matcher.stats;
for (let pass = 0; pass < 3; pass++) {
  let wall = 0;
  cpuPasses.push(
    cpuTime(() => {
      wall = time(() => {
        for (const post of posts) {
          const ids = matcher.match(post);
          if (pass === 0 && ids.length > 0) {
            matchedPosts += 1;
            matchedWatches += ids.length;
          }
        }
      });
    }),
  );
  passes.push(wall);
}
const statsAfter = matcher.stats;
const matcherRate = posts.length / (median(passes) / 1000);
const matcherCpuRate = posts.length / (median(cpuPasses) / 1000);
const candidatesPerPost = (statsAfter.candidates - statsBefore.candidates) / (statsAfter.posts - statsBefore.posts);

progress(`reference evaluator on ${REFERENCE_SAMPLE} posts`);
const reference = createReferenceMatcher();
for (const [id, tree] of trees) reference.set(id, tree);
const sample = posts.slice(0, REFERENCE_SAMPLE);
for (const post of posts.slice(-100)) reference.match(post);
let disagreements = 0;
let referenceMs = 0;
const referenceCpuMs = cpuTime(() => {
  referenceMs = time(() => {
    for (const post of sample) reference.match(post);
  });
});
for (const post of sample) if (reference.match(post).join() !== matcher.match(post).join()) disagreements += 1;
const referenceRate = sample.length / (referenceMs / 1000);
const referenceCpuRate = sample.length / (referenceCpuMs / 1000);

progress('parley match CLI end to end');
let cliOutput = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    cliOutput += chunk.length;
    done();
  },
});
const cliMs = await (async () => {
  const started = performance.now();
  const code = await main(['match', '--watches', watchesFile], { stdin: createReadStream(postsFile), stdout: sink, stderr: process.stderr, env: {} });
  if (code !== 0) throw new Error(`parley match exited ${code}`);
  return performance.now() - started;
})();

console.log(
  JSON.stringify({
    name: 'match',
    unit: 'posts/s',
    value: Math.round(matcherRate),
    posts: posts.length,
    watches: watches.length,
    cpuPostsPerSecond: Math.round(matcherCpuRate),
    referencePostsPerSecond: Math.round(referenceRate),
    referenceCpuPostsPerSecond: Math.round(referenceCpuRate),
    referenceSample: sample.length,
    speedup: round(matcherRate / referenceRate, 1),
    cpuSpeedup: round(matcherCpuRate / referenceCpuRate, 1),
    disagreements,
    candidatesPerPost: round(candidatesPerPost, 2),
    postsWithMatch: round(matchedPosts / posts.length, 3),
    matchesPerPost: round(matchedWatches / posts.length, 3),
    compileMs: round(median(compileTimes), 1),
    compileCpuMs: round(median(compileCpuTimes), 1),
    compileColdMs: round(compileTimes[0] ?? 0, 1),
    parseMs: round(parseMs, 1),
    addWatchMicros: round(median(addTimes) * 1000, 1),
    memoryMB: round(memoryMB, 1),
    cliPostsPerSecond: Math.round(posts.length / (cliMs / 1000)),
    cliOutputBytes: cliOutput,
    watchMix,
    seed: SEED,
    node: process.version,
    cpus: availableParallelism(),
    loadAverage: round(loadavg()[0] ?? 0, 2),
  }),
);
