// npm run bench -- search [--mentions N]: loads N seeded mentions (1,000,000 by default) into SQLite (a file under
// bench/data/) and into PostgreSQL (a fresh schema of PARLEY_BENCH_DATABASE_URL or PARLEY_TEST_DATABASE_URL, dropped
// afterwards; skipped with a note when neither is set), runs 100 mixed searches with filters several times on each,
// and prints {"name":"search","unit":"ms","value":<sqlite p50>,"sqlite":{"p50","p99","loadSeconds"},"postgres":{…}}.
// Loading goes through insertNewMentions (the rows and index entries the store makes), 10,000 mentions a transaction;
// on PostgreSQL the secondary indexes are dropped first and built afterwards, as a restore would, and the tables are
// vacuumed and analysed (what autovacuum does for a running installation) before searching.
// Options for working on search: --only sqlite|postgres runs one engine; --reuse keeps the loaded corpus (the SQLite
// file, the PostgreSQL schema bench_search_<N>) and uses it again next time, after applying any new migrations;
// --slowest K prints the K slowest queries (by their median time) to stderr.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrations } from '../src/migrations.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { inBenchSchema, onEngines } from './support/bench-engines.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { insertNewMentions, type StoreMentionInput } from '../src/listening/mentions/mention-store.js';
import { searchMentions } from '../src/listening/mentions/search.js';
import { type BenchQuery, generateMentions, generateQueries } from './generators/search-mentions.js';

const valueOf = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const mentionCount = Number(valueOf('--mentions') ?? 1_000_000);
if (!Number.isInteger(mentionCount) || mentionCount < 1) throw new Error('--mentions takes a positive whole number');
const only = valueOf('--only');
if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error('--only takes sqlite or postgres');
const reuse = process.argv.includes('--reuse');
const slowest = Number(valueOf('--slowest') ?? 0);
if (!Number.isInteger(slowest) || slowest < 0) throw new Error('--slowest takes a whole number');
const QUERIES = 100;
const ROUNDS = 5;
const PAGE_SIZE = 20;
const TRANSACTION_ROWS = 10_000;
const progress = (message: string) => process.stderr.write(`search bench: ${message}\n`);

interface EngineResult {
  p50: number;
  p99: number;
  mean: number;
  loadSeconds: number;
  queries: number;
  results: number;
}

/** PostgreSQL: the indexes not behind a constraint, to build after the load rather than row by row. */
async function dropSecondaryIndexes(handle: DatabaseHandle): Promise<string[]> {
  if (handle.dialect !== 'postgres') return [];
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)`.execute(handle.db);
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(handle.db);
  return rows.map((row) => row.definition);
}

/** Whether the corpus is already loaded (with --reuse, from an earlier run); a part-loaded one is an error. */
async function isLoaded(handle: DatabaseHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  const count = Number(row?.count);
  if (count !== 0 && count !== mentionCount) throw new Error(`${handle.location} holds ${count} mentions, not ${mentionCount}: delete it or run without --reuse`);
  return count === mentionCount;
}

/** What autovacuum (or ANALYZE after a restore) would have done before anyone searches. */
async function settle(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') await sql`vacuum analyze mentions, mention_watches, mention_sightings`.execute(handle.db);
  else await sql`analyze`.execute(handle.db);
}

async function load(handle: DatabaseHandle): Promise<number> {
  const started = performance.now();
  const definitions = await dropSecondaryIndexes(handle);
  let batch: StoreMentionInput[] = [];
  let loaded = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await handle.db.transaction().execute(async (trx) => {
      if (handle.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
      await insertNewMentions(trx, rows);
    });
    loaded += rows.length;
    if (loaded % 100_000 === 0) progress(`${handle.dialect}: ${loaded} mentions loaded`);
  };
  for (const input of generateMentions(mentionCount)) {
    batch.push(input);
    if (batch.length === TRANSACTION_ROWS) await flush();
  }
  if (batch.length > 0) await flush();
  if (handle.dialect === 'postgres') {
    await handle.db.connection().execute(async (connection) => {
      await sql`set maintenance_work_mem = '256MB'`.execute(connection);
      for (const definition of definitions) await sql.raw(definition).execute(connection);
    });
  }
  await settle(handle);
  return (performance.now() - started) / 1000;
}

async function timeQuery(handle: DatabaseHandle, query: BenchQuery): Promise<{ ms: number; results: number }> {
  let after: string | undefined;
  if (query.page === 2) after = (await searchMentions(handle.db, { ...query.options, limit: PAGE_SIZE })).nextCursor;
  const started = performance.now();
  const page = await searchMentions(handle.db, { ...query.options, limit: PAGE_SIZE, after });
  return { ms: performance.now() - started, results: page.mentions.length };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The queries whose median time is highest, slowest first, one line each on stderr. */
function reportSlowest(dialect: string, queries: readonly BenchQuery[], timesByQuery: readonly number[][]): void {
  const medians = timesByQuery.map((times, index) => ({ index, ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0 }));
  for (const { index, ms } of medians.sort((a, b) => b.ms - a.ms).slice(0, slowest)) {
    progress(`${dialect} slow: ${ms.toFixed(1)} ms #${index} ${JSON.stringify(queries[index])}`);
  }
}

async function run(handle: DatabaseHandle): Promise<EngineResult> {
  await migrateToLatest(handle.db, migrations);
  const reused = reuse && (await isLoaded(handle));
  let loadSeconds = 0;
  if (reused) await settle(handle);
  else loadSeconds = await load(handle);
  progress(`${handle.dialect}: ${reused ? 'reusing the loaded corpus' : `loaded in ${loadSeconds.toFixed(1)} s`}; searching`);
  const queries = generateQueries(QUERIES);
  for (const query of queries) await timeQuery(handle, query);
  const timesByQuery: number[][] = queries.map(() => []);
  let results = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, query] of queries.entries()) {
      const timed = await timeQuery(handle, query);
      timesByQuery[index]?.push(timed.ms);
      results += timed.results;
    }
  }
  reportSlowest(handle.dialect, queries, timesByQuery);
  const times = timesByQuery.flat().sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return {
    p50: round2(at(0.5)),
    p99: round2(at(0.99)),
    mean: round2(times.reduce((sum, t) => sum + t, 0) / times.length),
    loadSeconds: Math.round(loadSeconds),
    queries: times.length,
    results,
  };
}

async function sqlite(): Promise<EngineResult> {
  const path = `bench/data/search-${mentionCount}.sqlite`;
  if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const handle = await openDatabase({ kind: 'sqlite', path });
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

async function postgres(url: string): Promise<EngineResult> {
  return inBenchSchema(url, 'search', mentionCount, reuse, (handle) => run(handle));
}

const { sqlite: sqliteResult, postgres: postgresResult } = await onEngines(only, sqlite, postgres);
console.log(
  JSON.stringify({
    name: 'search',
    unit: 'ms',
    value: 'p50' in sqliteResult ? sqliteResult.p50 : 'p50' in postgresResult ? postgresResult.p50 : null,
    mentions: mentionCount,
    pageSize: PAGE_SIZE,
    sqlite: sqliteResult,
    postgres: postgresResult,
  }),
);
