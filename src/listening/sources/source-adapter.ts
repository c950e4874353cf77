import type { IngestBatch, IngestOutcome } from '../ingest/ingest-batch.js';
import { refusedAddress, type NetworkPolicy } from '../../platform/net/address-policy.js';
import type { Source } from './source-repository.js';

/** One run of one source, as the runtime hands it to the source's adapter. */
export interface SourceRun {
  source: Source;
  /** The source's credential, opened (a Mastodon token), if it has one. */
  secret: string | undefined;
  /** Where the source had got to, as last committed. */
  state: Record<string, unknown>;
  /** Where the source may be read from: adapters check every address they connect to against it. */
  network: NetworkPolicy;
  /** Aborted when the worker stops or loses the source's lease: stop promptly. */
  signal: AbortSignal;
  /** Hands items to the pipeline; resolves once they and `batch.state` are committed together. */
  deliver(batch: IngestBatch): Promise<IngestOutcome>;
}

/**
 * How a kind of source is run: polled (one fetch per run, then the runtime waits until `nextRunAt`), or streamed (a
 * connection held until the signal aborts; the promise rejects when the stream fails and cannot recover).
 */
export type SourceAdapter =
  | { mode: 'poll'; poll(run: SourceRun): Promise<{ nextRunAt: Date }> }
  | { mode: 'stream'; stream(run: SourceRun): Promise<void> };

/** Fails the run, saying why, when the address may not be read from under the run's network policy. */
export async function refuseUnlessAllowed(url: string, run: Pick<SourceRun, 'network'>): Promise<void> {
  const refusal = await refusedAddress(url, run.network);
  if (refusal !== undefined) throw new SourceRunError(refusal);
}

/** A failed run that knows when it is worth trying again (a server's Retry-After). */
export class SourceRunError extends Error {
  constructor(message: string, readonly retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'SourceRunError';
  }
}
