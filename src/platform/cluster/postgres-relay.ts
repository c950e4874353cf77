import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import pg from 'pg';
import { everyTopic, hearFromOutside, relayOutside } from './broadcast.js';

/** The NOTIFY channel Parley's servers share on one PostgreSQL database. */
const changesChannel = 'parley_changes';

/** How the relay behaves; the defaults suit production, tests shorten them. */
export interface PostgresRelayOptions {
  channel?: string;
  /** The first wait before reconnecting a lost connection; it doubles up to 30 s. */
  retryMs?: number;
}

/** A running relay. */
export interface PostgresRelay {
  stop(): Promise<void>;
}

/**
 * Carries this server's change notes to the other servers on the same PostgreSQL database and theirs to this one
 * (LISTEN/NOTIFY on one connection of its own), so that what they keep in memory is dropped when another server
 * changes it. A note carries only its topic and the sending server's id. A lost connection is made again after a wait;
 * since notes may have been missed both ways meanwhile, this server and the others then drop everything they keep.
 * LISTEN needs a session of its own: behind a pooler in transaction mode (PgBouncer) notes do not arrive, and kept
 * results expire on their own instead.
 */
export async function relayThroughPostgres(url: string, logger: Logger, options: PostgresRelayOptions = {}): Promise<PostgresRelay> {
  const channel = options.channel ?? changesChannel;
  const origin = randomUUID();
  const firstRetryMs = options.retryMs ?? 1000;
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = firstRetryMs;
  let retry: NodeJS.Timeout | undefined;

  const notify = (topic: string): Promise<unknown> | undefined => client?.query('select pg_notify($1, $2)', [channel, `${origin}|${topic}`]);

  const listen = async (): Promise<void> => {
    // Named, so that an administrator can tell the relay's connection apart in pg_stat_activity.
    const connection = new pg.Client({ connectionString: url, application_name: `parley relay: ${channel}`.slice(0, 63), connectionTimeoutMillis: 5000, keepAlive: true });
    connection.on('notification', (message) => {
      const [from, topic] = (message.payload ?? '').split('|');
      if (message.channel === channel && from !== origin && topic) hearFromOutside(topic);
    });
    connection.on('error', (error) => logger.warn({ err: error }, 'the change relay lost its PostgreSQL connection'));
    connection.on('end', () => {
      // Only the connection in use is made again; one that failed while opening is retried by whoever opened it.
      if (client !== connection) return;
      client = undefined;
      if (!stopped) reconnectLater();
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await connection.end().catch(() => undefined);
      return;
    }
    client = connection;
  };
  const reconnectLater = (): void => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      listen().then(() => {
        retryMs = firstRetryMs;
        if (stopped) return;
        hearFromOutside(everyTopic);
        notify(everyTopic)?.catch(() => undefined);
      }, (error: unknown) => {
        logger.warn({ err: error, retryMs }, 'the change relay could not reach PostgreSQL; trying again');
        retryMs = Math.min(retryMs * 2, 30_000);
        if (!stopped) reconnectLater();
      });
    }, retryMs);
    retry.unref();
  };

  try {
    await listen();
  } catch (error) {
    logger.warn({ err: error }, 'the change relay could not reach PostgreSQL; trying again');
    reconnectLater();
  }
  // A note that cannot be sent is dropped here; the others drop everything when this relay is back.
  const stopRelaying = relayOutside((topic) => { notify(topic)?.catch(() => undefined); });
  return {
    async stop() {
      stopped = true;
      stopRelaying();
      clearTimeout(retry);
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
