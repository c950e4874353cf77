// npm run bench -- search [--mentions N]: loads N seeded mentions (1,000,000 by default) into SQLite (a file under
// bench/data/) and into PostgreSQL (a fresh schema of PARLEY_BENCH_DATABASE_URL or PARLEY_TEST_DATABASE_URL, dropped
// afterwards; skipped with a note when neither is set), runs 100 mixed searches with filters several times on each,
// and prints {"name":"search","unit":"ms","value":<sqlite p50>,"sqlite":{"p50","p99","loadSeconds"},"postgres":{…}}.
// Loading goes through insertNewMentions (the rows and index entries the store makes), 10,000 mentions a transaction;
// on PostgreSQL the secondary indexes are dropped first and built afterwards, as a restore would, and the tables are
// vacuumed and analysed (what autovacuum does for a running installation) before searching.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrations } from '../src/migrations.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { insertNewMentions, type StoreMentionInput } from '../src/listening/mentions/mention-store.js';
import { searchMentions } from '../src/listening/mentions/search.js';
import { type BenchQuery, generateMentions, generateQueries } from './generators/search-mentions.js';

const argument = process.argv.indexOf('--mentions');
const mentionCount = argument === -1 ? 1_000_000 : Number(process.argv[argument + 1]);
if (!Number.isInteger(mentionCount) || mentionCount < 1) throw new Error('--mentions takes a positive whole number');
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
    await sql`vacuum analyze mentions, mention_watches, mention_sightings`.execute(handle.db);
  } else {
    await sql`analyze`.execute(handle.db);
  }
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

async function run(handle: DatabaseHandle): Promise<EngineResult> {
  await migrateToLatest(handle.db, migrations);
  const loadSeconds = await load(handle);
  progress(`${handle.dialect}: loaded in ${loadSeconds.toFixed(1)} s; searching`);
  const queries = generateQueries(QUERIES);
  for (const query of queries) await timeQuery(handle, query);
  const times: number[] = [];
  let results = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const query of queries) {
      const timed = await timeQuery(handle, query);
      times.push(timed.ms);
      results += timed.results;
    }
  }
  times.sort((a, b) => a - b);
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
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const handle = await openDatabase({ kind: 'sqlite', path });
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

async function postgres(url: string): Promise<EngineResult> {
  const schema = `bench_search_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  try {
    const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
    try {
      return await run(handle);
    } finally {
      await handle.close();
    }
  } finally {
    await admin.db.schema.dropSchema(schema).cascade().execute();
    await admin.close();
  }
}

const url = process.env.PARLEY_BENCH_DATABASE_URL ?? process.env.PARLEY_TEST_DATABASE_URL;
const sqliteResult = await sqlite();
const postgresResult = url ? await postgres(url) : { skipped: 'set PARLEY_BENCH_DATABASE_URL or PARLEY_TEST_DATABASE_URL to include PostgreSQL' };
console.log(
  JSON.stringify({
    name: 'search',
    unit: 'ms',
    value: sqliteResult.p50,
    mentions: mentionCount,
    pageSize: PAGE_SIZE,
    sqlite: sqliteResult,
    postgres: postgresResult,
  }),
);
