import { setTimeout as sleep } from 'node:timers/promises';
import { type BackoffSettings, nextPollAfterFailure } from '../feed/backoff.js';
import { refuseUnlessAllowed, SourceRunError, type SourceRun } from '../source-adapter.js';
import { blueskyConfig } from '../source-config.js';
import { jetstreamCursorOf, toIngestBatches } from './jetstream-batches.js';
import { readJetstreamMessage } from './jetstream-change.js';
import { JetstreamConnectError, type JetstreamConnection, openJetstream } from './jetstream-connection.js';
import { subscribeUrl } from './subscribe-url.js';

/** How a Bluesky source reads its stream. */
export interface JetstreamSettings {
  /** The most events handed to the pipeline in one batch (one transaction). */
  maxBatchEvents: number;
  /** How long a batch waits for more events once it has one. */
  maxBatchWaitMs: number;
  /** How far before the saved cursor a reconnection resumes (µs): repeats are absorbed, and instances' clocks differ. */
  rewindMicros: number;
  connectTimeoutMs: number;
  /** Ping after this long without a message; reconnect after twice as long. */
  heartbeatMs: number;
  /** Connections in a row that bring nothing new before the run fails and the source shows the error. */
  maxAttempts: number;
  /** The wait between those connections. */
  backoff: BackoffSettings;
  random?: () => number;
}

/** 500 events or 100 ms a batch; 2 s of rewind; reconnects after 1 s doubling up to a minute, failing after 6 in a row. */
export const defaultJetstreamSettings: JetstreamSettings = {
  maxBatchEvents: 500,
  maxBatchWaitMs: 100,
  rewindMicros: 2_000_000,
  connectTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  maxAttempts: 6,
  backoff: { baseSeconds: 1, maxSeconds: 60, maxRetryAfterSeconds: 3600 },
};

/**
 * Streams a Bluesky source until its run is aborted: subscribes to Jetstream from the saved cursor (rewound a little),
 * hands the events to the pipeline in batches, in order, each with the cursor of its last event, and reconnects when
 * the connection drops — at once when it brought something new, else after a back-off. After `maxAttempts`
 * connections in a row that brought nothing new it fails with the last problem. A failure to commit fails at once.
 */
export async function streamJetstream(run: SourceRun, settings: JetstreamSettings): Promise<void> {
  const { jetstreamUrl } = blueskyConfig.parse(run.source.config);
  await refuseUnlessAllowed(jetstreamUrl, run);
  let cursor = jetstreamCursorOf(run.state);
  let failures = 0;
  const stopped = () => run.signal.aborted;
  while (!stopped()) {
    const before = cursor;
    const url = subscribeUrl(jetstreamUrl, cursor === null ? null : Math.max(1, cursor - settings.rewindMicros));
    const outcome = await deliverFrom(url, run, settings, (next) => { cursor = next; });
    if (stopped()) return;
    if (cursor !== null && (before === null || cursor > before)) {
      failures = 0;
      continue;
    }
    failures += 1;
    if (failures >= settings.maxAttempts) {
      throw new SourceRunError(`Jetstream at ${new URL(jetstreamUrl).host}: ${outcome.problem} (${failures} attempts in a row)`, outcome.retryAfterSeconds);
    }
    const now = new Date();
    const wait = nextPollAfterFailure({ now, failures, retryAfterSeconds: outcome.retryAfterSeconds, settings: settings.backoff, random: settings.random }).getTime() - now.getTime();
    await sleep(wait, undefined, { signal: run.signal }).catch(() => undefined);
  }
}

/** One connection: delivers what it brings until it closes; says why it ended. Errors from `deliver` are thrown. */
async function deliverFrom(url: string, run: SourceRun, settings: JetstreamSettings, committed: (cursor: number) => void): Promise<{ problem: string; retryAfterSeconds: number | null }> {
  const options = { signal: run.signal, network: run.network, connectTimeoutMs: settings.connectTimeoutMs, heartbeatMs: settings.heartbeatMs, highWaterMark: settings.maxBatchEvents * 4 };
  let connection: JetstreamConnection;
  try {
    connection = await openJetstream(url, options);
  } catch (error) {
    if (error instanceof JetstreamConnectError) return { problem: error.message, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  try {
    for (;;) {
      const messages = await connection.read(settings.maxBatchEvents, settings.maxBatchWaitMs);
      if (messages === null) break;
      for (const batch of toIngestBatches(messages.map(readJetstreamMessage))) {
        await run.deliver(batch);
        const cursor = jetstreamCursorOf(batch.state ?? {});
        if (cursor !== null) committed(cursor);
      }
    }
  } finally {
    connection.close();
  }
  return { problem: connection.closeReason ?? 'The connection closed', retryAfterSeconds: null };
}
