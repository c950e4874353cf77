import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createLogger } from '../logger.js';
import { broadcast, onBroadcast } from './broadcast.js';
import { changeSignal } from './change-signal.js';
import { relayThroughPostgres, type PostgresRelay } from './postgres-relay.js';

const url = process.env.PARLEY_TEST_DATABASE_URL;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// PostgreSQL alone has LISTEN/NOTIFY; the relay is not started on SQLite (see startChangeRelay).
for (const databaseUrl of url === undefined ? [] : [url]) {
  describe('change notes between servers on one PostgreSQL database', () => {
    // A channel of its own, so that test files and test runs sharing the database do not hear each other.
    const channel = `parley_test_${randomBytes(6).toString('hex')}`;
    let relay: PostgresRelay;
    let other: pg.Client;
    const received: string[] = [];

    before(async () => {
      relay = await relayThroughPostgres(databaseUrl, createLogger('silent'), { channel, retryMs: 50 });
      other = new pg.Client({ connectionString: databaseUrl });
      await other.connect();
      other.on('notification', (message) => received.push(message.payload ?? ''));
      await other.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    });
    after(async () => {
      await relay.stop();
      await other.end();
    });

    it('hears another server’s note, and the change signals of that topic go up', async () => {
      const signal = changeSignal('relay-test-cases');
      const before = signal.version();
      await other.query('select pg_notify($1, $2)', [channel, 'another-server|relay-test-cases']);
      await until(() => signal.version() > before, 'the note from another server');
    });

    it('sends this server’s notes with its own id, and does not hear them back', async () => {
      let heardHere = 0;
      const stop = onBroadcast('relay-test-own', () => { heardHere += 1; });
      broadcast('relay-test-own');
      await until(() => received.some((payload) => payload.endsWith('|relay-test-own')), 'the note to reach another server');
      const [from] = received.find((payload) => payload.endsWith('|relay-test-own'))?.split('|') ?? [];
      assert.match(from ?? '', /^[0-9a-f-]{36}$/, 'the sending server’s id, and nothing else but the topic');
      await sleep(200);
      assert.equal(heardHere, 0, 'its own note comes back from PostgreSQL and is ignored');
      stop();
    });

    it('ignores notes that are not Parley’s', async () => {
      let heard = 0;
      let heardEmpty = 0;
      const stops = [onBroadcast('relay-test-odd', () => { heard += 1; }), onBroadcast('', () => { heardEmpty += 1; })];
      await other.query('select pg_notify($1, $2)', [channel, 'no separator']);
      await other.query('select pg_notify($1, $2)', [channel, 'another-server|']);
      await other.query('select pg_notify($1, $2)', [channel, 'another-server|relay-test-odd']);
      await until(() => heard === 1, 'the well-formed note');
      assert.equal(heardEmpty, 0, 'a note without a topic is dropped');
      for (const stop of stops) stop();
    });

    it('connects again when its connection is cut, and then counts every topic as changed, since notes may have been missed', async () => {
      const signal = changeSignal('relay-test-missed');
      const before = signal.version();
      const listening = await other.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [`parley relay: ${channel}`]);
      assert.equal(listening.rows.length, 1, 'the relay listens on one connection of its own');
      await other.query('select pg_terminate_backend($1)', [listening.rows[0]?.pid]);
      await until(() => signal.version() > before, 'every topic to be counted as changed after reconnecting');
      await until(() => received.some((payload) => payload.endsWith('|*')), 'the other servers to be told to drop everything too, as they may have missed its notes');
      const after = signal.version();
      await other.query('select pg_notify($1, $2)', [channel, 'another-server|relay-test-missed']);
      await until(() => signal.version() > after, 'notes to be heard again on the new connection');
    });

    it('drops everything it keeps when another server says it may have missed notes', async () => {
      const policy = changeSignal('relay-test-policy');
      const calendar = changeSignal('relay-test-calendar');
      const before = [policy.version(), calendar.version()];
      await other.query('select pg_notify($1, $2)', [channel, 'another-server|*']);
      await until(() => policy.version() > (before[0] ?? 0) && calendar.version() > (before[1] ?? 0), 'every topic to count as changed');
    });

    it('leaves no connection behind when stopped while waiting to connect again', async () => {
      const ownChannel = `parley_test_${randomBytes(6).toString('hex')}`;
      const stopping = await relayThroughPostgres(databaseUrl, createLogger('silent'), { channel: ownChannel, retryMs: 300 });
      const connections = async () => (await other.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [`parley relay: ${ownChannel}`])).rows;
      const [listening] = await connections();
      await other.query('select pg_terminate_backend($1)', [listening?.pid]);
      await stopping.stop();
      await sleep(600);
      assert.deepEqual(await connections(), []);
    });
  });
}
