import type { IngestBatch } from '../../ingest/ingest-batch.js';
import type { IncomingMention } from '../../mentions/incoming-mention.js';
import type { JetstreamChange } from './jetstream-change.js';

/** The cursor saved in a Bluesky source's state: the `time_us` of the last event committed, or null before the first. */
export function jetstreamCursorOf(state: Record<string, unknown>): number | null {
  const { cursor } = state;
  return typeof cursor === 'number' && Number.isSafeInteger(cursor) && cursor > 0 ? cursor : null;
}

interface PendingBatch {
  mentions: IncomingMention[];
  deletions: string[];
  deleted: Set<string>;
  malformed: number;
  cursor: number | null;
}

const pending = (cursor: number | null): PendingBatch => ({ mentions: [], deletions: [], deleted: new Set(), malformed: 0, cursor });

/**
 * Groups changes into batches for the pipeline, in order, with the cursor (the latest `time_us` among the events
 * so far) as each batch's state, so that it is committed with the events before it. Usually one batch; a new one starts
 * when a post deleted earlier in the batch comes back, because the pipeline stores a batch's mentions before its
 * deletions. Unreadable events are counted as malformed, and move the cursor past them when they have a time.
 */
export function toIngestBatches(changes: readonly JetstreamChange[]): IngestBatch[] {
  const batches: IngestBatch[] = [];
  let batch = pending(null);
  let events = 0;
  for (const change of changes) {
    if (change.kind === 'mention' && batch.deleted.has(change.mention.externalId)) {
      batches.push(finish(batch));
      batch = pending(batch.cursor);
    }
    events += 1;
    if (change.kind === 'mention') batch.mentions.push(change.mention);
    else if (change.kind === 'deletion') {
      batch.deletions.push(change.externalId);
      batch.deleted.add(change.externalId);
    } else if (change.kind === 'invalid') batch.malformed += 1;
    if (change.timeUs !== null) batch.cursor = Math.max(batch.cursor ?? 0, change.timeUs);
  }
  if (events > 0) batches.push(finish(batch));
  return batches;
}

function finish(batch: PendingBatch): IngestBatch {
  return {
    mentions: batch.mentions,
    deletions: batch.deletions,
    malformed: batch.malformed,
    ...(batch.cursor === null ? {} : { state: { cursor: batch.cursor } }),
  };
}
