import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database.js';
import type { CredentialCipher } from '../../platform/secrets/encryption.js';
import { sourceKinds } from '../mentions/incoming-mention.js';
import type { Matcher } from '../query/matcher.js';
import type { NetworkPolicy } from '../../platform/net/address-policy.js';
import type { MentionsStoredHook } from './stored-mention.js';
import { nextPollAfterFailure } from '../sources/feed/backoff.js';
import { SourceRunError, type SourceAdapter } from '../sources/source-adapter.js';
import { claimDueSources, recordSourceFailure, recordSourceSuccess, releaseLease, renewLease } from '../sources/source-repository.js';
import { loadSourceForRun } from '../sources/sources.js';
import type { SourceTable } from '../sources/tables.js';
import { ingestBatch } from './ingest-batch.js';

/** What the runtime needs. */
export interface IngestRuntimeOptions {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  matcher: Matcher;
  /** Called with new mentions in the transaction that stores them (see IngestPipeline). */
  onStored?: MentionsStoredHook;
  adapters: Partial<Record<SourceTable['kind'], SourceAdapter>>;
  /** Where sources may be read from (the public internet only, unless private networks are allowed). */
  network: NetworkPolicy;
  /** This worker's name in leases: unique per process. */
  owner: string;
  logger: Logger;
  /** How long a lease lasts unless renewed; a killed worker's sources are taken over after it. Default 45 s. */
  leaseMs?: number;
  /** How often due sources are looked for. Default 1 s. */
  tickMs?: number;
  /** Sources run at once by this worker. Default 20. */
  concurrency?: number;
}

/** The running ingest of one process. */
export interface IngestRuntime {
  start(): void;
  /** Stops claiming, aborts the sources it runs, waits for them and gives their leases back. */
  stop(): Promise<void>;
  /** Looks for due sources once and starts them; resolves when they are started (tests call it directly). */
  tick(): Promise<void>;
  /** The runs in progress, for tests and health. */
  readonly running: ReadonlyMap<string, Promise<void>>;
}

/** Makes the runtime that claims due sources by lease and runs each with its kind's adapter. */
export function createIngestRuntime(options: IngestRuntimeOptions): IngestRuntime {
  const { db, logger, owner } = options;
  const leaseMs = options.leaseMs ?? 45_000;
  const running = new Map<string, Promise<void>>();
  const controllers = new Map<string, AbortController>();
  const kinds = sourceKinds.filter((kind) => options.adapters[kind] !== undefined);
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let ticking: Promise<void> | undefined;

  async function runOne(row: SourceTable): Promise<void> {
    const adapter = options.adapters[row.kind];
    const controller = new AbortController();
    controllers.set(row.id, controller);
    const renew = setInterval(() => {
      renewLease(db, row.id, owner, new Date(), leaseMs)
        .then((held) => { if (!held) controller.abort(new Error('lease lost')); })
        .catch((error: unknown) => logger.warn({ err: error, sourceId: row.id }, 'could not renew a source lease'));
    }, Math.floor(leaseMs / 3));
    try {
      if (!adapter) throw new SourceRunError(`No adapter runs ${row.kind} sources in this process`);
      const loaded = await loadSourceForRun(db, options.cipher, row.id);
      // stop() may come while the source is claimed or loading: the adapter would then wait for an abort that has been and gone.
      if (!loaded || controller.signal.aborted || stopping) return;
      const run = {
        ...loaded,
        network: options.network,
        signal: controller.signal,
        deliver: (batch: Parameters<typeof ingestBatch>[3]) => ingestBatch(db, options, loaded.source, batch),
      };
      if (adapter.mode === 'poll') {
        const { nextRunAt } = await adapter.poll(run);
        await recordSourceSuccess(db, row.id, new Date(), nextRunAt);
      } else {
        await adapter.stream(run);
        await recordSourceSuccess(db, row.id, new Date(), new Date());
      }
    } catch (error) {
      if (controller.signal.aborted && stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      const now = new Date();
      const failures = row.failures + 1;
      const retryAfter = error instanceof SourceRunError ? error.retryAfterSeconds : null;
      await recordSourceFailure(db, row.id, now, message, nextPollAfterFailure({ now, failures, retryAfterSeconds: retryAfter }));
      logger.warn({ sourceId: row.id, kind: row.kind, failures, error: message }, 'source run failed');
    } finally {
      clearInterval(renew);
      controllers.delete(row.id);
      await releaseLease(db, row.id, owner).catch(() => undefined);
    }
  }

  function tick(): Promise<void> {
    ticking ??= claimAndRun().finally(() => { ticking = undefined; });
    return ticking;
  }

  async function claimAndRun(): Promise<void> {
    if (stopping || kinds.length === 0) return;
    const room = (options.concurrency ?? 20) - running.size;
    if (room <= 0) return;
    const claimed = await claimDueSources(db, owner, new Date(), leaseMs, room, kinds);
    for (const row of claimed) {
      if (running.has(row.id)) continue;
      const done = runOne(row).finally(() => running.delete(row.id));
      running.set(row.id, done);
    }
  }

  return {
    running,
    tick,
    start() {
      timer ??= setInterval(() => { tick().catch((error: unknown) => logger.error({ err: error }, 'ingest tick failed')); }, options.tickMs ?? 1000);
      timer.unref();
      void tick().catch((error: unknown) => logger.error({ err: error }, 'ingest tick failed'));
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      // A claim in flight starts its runs (which end at once, giving their leases back) before they are waited for.
      await ticking?.catch(() => undefined);
      for (const controller of controllers.values()) controller.abort(new Error('stopping'));
      await Promise.allSettled(running.values());
    },
  };
}
