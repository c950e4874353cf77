import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.js';

/**
 * Runs a benchmark on PostgreSQL in a schema of its own: `bench_<name>_<size>`, kept for the next run with --reuse,
 * else a random one dropped afterwards.
 */
export async function inBenchSchema<T>(url: string, name: string, size: number, reuse: boolean, run: (handle: DatabaseHandle, schema: string) => Promise<T>): Promise<T> {
  const schema = reuse ? `bench_${name}_${size}` : `bench_${name}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.db.schema.createSchema(schema).ifNotExists().execute();
  try {
    const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
    try {
      return await run(handle, schema);
    } finally {
      await handle.close();
    }
  } finally {
    if (!reuse) await admin.db.schema.dropSchema(schema).cascade().execute();
    await admin.close();
  }
}

/** The PostgreSQL URL benchmarks use, if any. */
export const benchDatabaseUrl = process.env.PARLEY_BENCH_DATABASE_URL ?? process.env.PARLEY_TEST_DATABASE_URL;

/** Runs a benchmark on the engines asked for (`--only sqlite|postgres`), saying why one was left out. */
export async function onEngines<S, P>(only: string | undefined, sqlite: () => Promise<S>, postgres: (url: string) => Promise<P>): Promise<{ sqlite: S | { skipped: string }; postgres: P | { skipped: string } }> {
  const sqliteResult = only === 'postgres' ? { skipped: 'run with --only postgres' } : await sqlite();
  const postgresResult =
    only === 'sqlite'
      ? { skipped: 'run with --only sqlite' }
      : benchDatabaseUrl
        ? await postgres(benchDatabaseUrl)
        : { skipped: 'set PARLEY_BENCH_DATABASE_URL or PARLEY_TEST_DATABASE_URL to include PostgreSQL' };
  return { sqlite: sqliteResult, postgres: postgresResult };
}
