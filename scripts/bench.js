#!/usr/bin/env node
// npm run bench -- <name> [args]: runs bench/<name>.ts, which prints one JSON object.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(`bench/${name}.ts`)) {
  process.stderr.write(`usage: npm run bench -- <name>\nbenchmarks: ${available.join(', ') || '(none yet)'}\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
