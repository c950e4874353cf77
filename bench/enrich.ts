// npm run bench -- enrich [count]: enriches generated short English and Welsh posts one at a time and prints
// {"name":"enrich","unit":"mentions/s","value":…,"p50_us":…,"p99_us":…,"languageAccuracy":…}.
import { performance } from 'node:perf_hooks';
import { enrichMention } from '../src/listening/enrich/enrich.js';
import { generatePosts } from './generators/enrich-posts.js';

const count = Number(process.argv[2] ?? 20_000);
const posts = generatePosts(count);

// Warm up: build the English model and let the JIT settle on posts not measured.
for (const post of generatePosts(2_000, 7)) enrichMention({ text: post.text });

const micros: number[] = [];
let correct = 0;
const started = performance.now();
for (const post of posts) {
  const before = performance.now();
  const enriched = enrichMention({ text: post.text });
  micros.push((performance.now() - before) * 1000);
  if (enriched.language === post.language) correct += 1;
}
const seconds = (performance.now() - started) / 1000;

micros.sort((a, b) => a - b);
const percentile = (p: number): number =>
  Math.round(micros[Math.min(micros.length - 1, Math.floor(p * micros.length))] ?? 0);

console.log(
  JSON.stringify({
    name: 'enrich',
    unit: 'mentions/s',
    value: Math.round(posts.length / seconds),
    p50_us: percentile(0.5),
    p99_us: percentile(0.99),
    languageAccuracy: Math.round((correct / posts.length) * 10_000) / 10_000,
    mentions: posts.length,
  }),
);
