// npm run bench -- inbox [--cases N] [--officers N] [--rate R] [--seconds S] [--processes P] [--only sqlite|postgres] [--reuse]
// Seeds N cases (100,000 by default), one per seeded mention, shared among 50 officers in 5 teams (mostly closed; the
// last fortnight's mostly open; some Welsh, some tagged), into SQLite (a file under bench/data/) and PostgreSQL (a fresh
// schema of PARLEY_BENCH_DATABASE_URL or PARLEY_TEST_DATABASE_URL, dropped afterwards; skipped with a note when
// neither is set). Then starts the real web app in P processes of its own (as PARLEY_WEB_PROCESSES=P does; one a CPU
// core by default), signs officers in through /sign-in, and sends R requests a second (200 by default), evenly spaced,
// for S seconds (20) per page: the inbox (/inbox in each view, for several officers) and the case page (/cases/:id of
// random cases). The load is open-loop (support/open-loop.ts): each latency runs from when its request was due, so a
// stall counts for every request it held up. Prints {"name":"inbox","unit":"ms","value":<sqlite inbox p99>,"sqlite":{…},
// "postgres":{…}}
// with the load average before and after each run, since other work on the machine moves the figures.
// Seeding goes through the stores for teams, officers, channels and mentions (insertNewMentions, 5,000 a
// transaction), and writes case rows straight into the case tables, 500 a statement. --reuse keeps the seeded data (the
// SQLite file, the PostgreSQL schema bench_inbox_<N>) for the next run. BENCH_SERVER_PROFILE=<dir> writes a CPU profile of
// the server process there.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createChannel } from '../src/channels/channels.js';
import { insertNewMentions, type StoreMentionInput } from '../src/listening/mentions/mention-store.js';
import { migrations } from '../src/migrations.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { createTeam } from '../src/platform/auth/teams.js';
import { createUser } from '../src/platform/auth/users.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { inBenchSchema, onEngines } from './support/bench-engines.js';
import { percentile, runOpenLoop, type PlannedRequest } from './support/open-loop.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { credentialCipher } from '../src/platform/secrets/encryption.js';
import { generateInboxCases, type SeededCase, type SeededMention } from './generators/inbox-cases.js';
import { Random } from './generators/random.js';
import { generateMentions } from './generators/search-mentions.js';

const valueOf = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const wholeNumber = (name: string, fallback: number): number => {
  const value = Number(valueOf(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number`);
  return value;
};
const caseCount = wholeNumber('--cases', 100_000);
const officerCount = wholeNumber('--officers', 50);
const rate = wholeNumber('--rate', 200);
const seconds = wholeNumber('--seconds', 20);
const processes = wholeNumber('--processes', cpus().length);
const only = valueOf('--only');
if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error('--only takes sqlite or postgres');
const reuse = process.argv.includes('--reuse');
const TEAMS = 5;
const SIGNED_IN = 10;
const WARM_UP_SECONDS = 3;
const MENTIONS_PER_TRANSACTION = 5_000;
const CASES_PER_STATEMENT = 500;
const PASSWORD = 'bench passphrase for officers';
const VIEWS = ['mine', 'team', 'unassigned', 'due_soon', 'overdue', 'welsh', 'open'] as const;
const system = { type: 'system', label: 'bench' } as const;
const progress = (message: string) => process.stderr.write(`inbox bench: ${message}\n`);
const officerEmail = (i: number) => `officer${String(i).padStart(3, '0')}@bench.example`;

interface PageResult {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  generatorDelayMs: { p99: number; max: number };
  loadAverage: { before: number[]; after: number[] };
}

/** Teams, officers (one password, no change at first sign-in) and a channel on each platform. */
async function seedPeople(handle: DatabaseHandle) {
  const { db } = handle;
  const teamIds: string[] = [];
  for (let t = 0; t < TEAMS; t += 1) teamIds.push((await createTeam(db, system, { name: `Bench team ${t + 1}` })).id);
  const officers: { id: string; teamId: string }[] = [];
  for (let i = 0; i < officerCount; i += 1) {
    const teamId = teamIds[i % TEAMS] ?? '';
    const { user } = await createUser(db, system, { email: officerEmail(i), name: `Officer ${i + 1}`, roles: ['officer'], teamId });
    officers.push({ id: user.id, teamId });
  }
  await db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD), must_change_password: 0 }).where('email', 'like', '%@bench.example').execute();
  const cipher = credentialCipher(randomBytes(32));
  const channelIds: Record<string, string> = {};
  for (const platform of ['mastodon', 'bluesky'] as const) {
    const config = platform === 'mastodon' ? { instanceUrl: 'https://social.example' } : { handle: 'council.bsky.social' };
    channelIds[platform] = (await createChannel(db, system, cipher, { platform, name: `Bench ${platform}`, config, teamId: teamIds[0] })).id;
  }
  return { officers, teamIds, channelIds };
}

async function insertCases(handle: DatabaseHandle, cases: readonly SeededCase[]): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    if (handle.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
    for (let at = 0; at < cases.length; at += CASES_PER_STATEMENT) {
      const chunk = cases.slice(at, at + CASES_PER_STATEMENT);
      await trx.insertInto('cases').values(chunk.map((c) => c.row)).execute();
      await trx.insertInto('case_mentions').values(chunk.map((c) => ({ case_id: c.row.id, mention_id: c.row.mention_id, external_id: c.externalId, added_at: c.row.opened_at }))).execute();
      const tags = chunk.flatMap((c) => c.tags.map((tag) => ({ case_id: c.row.id, tag })));
      if (tags.length > 0) await trx.insertInto('case_tags').values(tags).execute();
    }
  });
}

/** Mentions through the mention store, then a case for each straight into the case tables. */
async function seed(handle: DatabaseHandle): Promise<void> {
  const people = await seedPeople(handle);
  const mentions: SeededMention[] = [];
  let batch: StoreMentionInput[] = [];
  const flush = async () => {
    const inputs = batch;
    batch = [];
    const ids = await handle.db.transaction().execute(async (trx) => {
      if (handle.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
      return insertNewMentions(trx, inputs);
    });
    inputs.forEach((input, i) => mentions.push({
      id: ids[i] ?? '', externalId: input.mention.externalId, sourceKind: input.mention.sourceKind, language: input.enrichment.language, createdAt: input.mention.createdAt,
    }));
    if (mentions.length % 20_000 === 0) progress(`${handle.dialect}: ${mentions.length} mentions`);
  };
  for (const input of generateMentions(caseCount)) {
    batch.push(input);
    if (batch.length === MENTIONS_PER_TRANSACTION) await flush();
  }
  if (batch.length > 0) await flush();
  let cases: SeededCase[] = [];
  for (const seeded of generateInboxCases(mentions, people, Date.now())) {
    cases.push(seeded);
    if (cases.length === 10_000) {
      await insertCases(handle, cases);
      cases = [];
    }
  }
  if (cases.length > 0) await insertCases(handle, cases);
}

/** What autovacuum (or ANALYZE after a restore) would have done before anyone signs in. */
async function settle(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') await sql`vacuum analyze`.execute(handle.db);
  else await sql`analyze`.execute(handle.db);
}

async function caseCountOf(handle: DatabaseHandle): Promise<number> {
  const row = await handle.db.selectFrom('cases').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Migrates and seeds (unless --reuse finds the data there), and returns every case id. */
async function prepare(handle: DatabaseHandle): Promise<{ seedSeconds: number; caseIds: string[] }> {
  const started = performance.now();
  await migrateToLatest(handle.db, migrations);
  const count = await caseCountOf(handle);
  if (!(reuse && count === caseCount)) {
    if (count !== 0) throw new Error(`${handle.location} already holds ${count} cases: delete it or run with --reuse and --cases ${count}`);
    await seed(handle);
  }
  await settle(handle);
  const caseIds = (await handle.db.selectFrom('cases').select('id').execute()).map((row) => row.id);
  return { seedSeconds: Math.round((performance.now() - started) / 1000), caseIds };
}

/** Starts the web app in a child process on the seeded database; resolves with its address and how to stop it. */
async function startServer(args: string[]): Promise<{ base: string; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./support/inbox-server.ts', import.meta.url)), args, { execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve(typeof message === 'object' && 'port' in message && typeof message.port === 'number' ? message.port : 0));
    child.once('exit', (code) => reject(new Error(`the web app stopped before listening (exit ${String(code)})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    }),
  };
}

/** Signs in through the sign-in page as a person would and returns the cookie header of the session. */
async function signIn(base: string, email: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
  });
  keep(signedIn);
  if (signedIn.status !== 303 && signedIn.status !== 302) throw new Error(`signing in as ${email} answered ${signedIn.status}`);
  return header();
}

const loadNow = () => loadavg().map((n) => Math.round(n * 100) / 100);

/** Sends `rate` requests a second for `duration` seconds, each to the address and with the cookie `next` gives. */
async function drive(base: string, next: () => PlannedRequest, duration: number): Promise<PageResult> {
  const before = loadNow();
  const result = await runOpenLoop(base, rate, duration, next);
  const ms = (share: number) => Math.round(percentile(result.latenciesMs, share) * 10) / 10;
  return {
    p50: ms(0.5), p90: ms(0.9), p99: ms(0.99), max: ms(1),
    requestsPerSecond: Math.round(result.answered / duration), requests: result.sent, non2xx: result.non2xx, errors: result.errors,
    generatorDelayMs: result.generatorDelayMs, loadAverage: { before, after: loadNow() },
  };
}

/** The inbox in every view and the case page of random cases, each under load, after a warm-up. */
async function measure(base: string, caseIds: readonly string[]): Promise<Record<string, PageResult | { skipped: string }>> {
  const sessions: string[] = [];
  for (let i = 0; i < SIGNED_IN; i += 1) sessions.push(await signIn(base, officerEmail(i * Math.floor(officerCount / SIGNED_IN))));
  const random = new Random(20_261_122);
  const cookie = () => random.pick(sessions);
  const inbox = () => ({ path: `/inbox?view=${random.pick(VIEWS)}`, cookie: cookie() });
  const casePage = () => ({ path: `/cases/${random.pick(caseIds)}`, cookie: cookie() });
  const results: Record<string, PageResult | { skipped: string }> = {};
  for (const [name, next] of [['inbox', inbox], ['case', casePage]] as const) {
    const probe = next();
    const status = (await fetch(`${base}${probe.path}`, { headers: { cookie: probe.cookie } })).status;
    if (status !== 200) {
      results[name] = { skipped: `${probe.path} answered ${status}` };
      continue;
    }
    await drive(base, next, WARM_UP_SECONDS);
    progress(`${name}: ${rate} requests a second for ${seconds} s`);
    results[name] = await drive(base, next, seconds);
  }
  return results;
}

async function run(handle: DatabaseHandle, serverArgs: string[]) {
  const { seedSeconds, caseIds } = await prepare(handle);
  progress(`${handle.dialect}: ${caseIds.length} cases ready in ${seedSeconds} s; starting the web app`);
  const server = await startServer(serverArgs);
  try {
    return { seedSeconds, ...(await measure(server.base, caseIds)) };
  } finally {
    await server.stop();
  }
}

async function sqlite() {
  const path = `bench/data/inbox-${caseCount}.sqlite`;
  if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const handle = await openDatabase({ kind: 'sqlite', path });
  try {
    return await run(handle, [String(processes), 'sqlite', path]);
  } finally {
    await handle.close();
  }
}

async function postgres(url: string) {
  return inBenchSchema(url, 'inbox', caseCount, reuse, (handle, schema) => run(handle, [String(processes), 'postgres', url, schema]));
}

const { sqlite: sqliteResult, postgres: postgresResult } = await onEngines(only, sqlite, postgres);
const inboxP99 = (result: object): number | null => ('inbox' in result && typeof result.inbox === 'object' && result.inbox !== null && 'p99' in result.inbox && typeof result.inbox.p99 === 'number' ? result.inbox.p99 : null);
console.log(JSON.stringify({
  name: 'inbox',
  unit: 'ms',
  value: inboxP99(sqliteResult) ?? inboxP99(postgresResult),
  cases: caseCount,
  officers: officerCount,
  rate,
  seconds,
  load: 'open-loop, evenly spaced',
  processes,
  target: { p99: 50, rate: 200 },
  cpus: cpus().length,
  sqlite: sqliteResult,
  postgres: postgresResult,
}));
