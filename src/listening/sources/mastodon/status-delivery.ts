import type { IncomingMention } from '../../mentions/incoming-mention.js';
import type { SourceRun } from '../source-adapter.js';
import { sinceIdsState } from './mastodon-state.js';
import { readStatus, statusExternalId, type StatusContext } from './read-status.js';
import { newerStatusId } from './status-ids.js';

/** One thing a timeline said: a status (new, or edited), a deletion, or something unreadable. */
export type TimelineItem =
  | { kind: 'status'; feed: string | null; status: unknown; edited: boolean }
  | { kind: 'delete'; id: string }
  | { kind: 'malformed' };

/** Hands timeline items to the pipeline, each batch with the since_ids it brings the source to. */
export interface StatusDelivery {
  /**
   * Delivers items in one batch. `reached` moves feeds' since_ids on even without items (the end of a page whose
   * statuses were all left out). Nothing is written when nothing changed.
   */
  deliver(items: readonly TimelineItem[], reached?: ReadonlyMap<string, string>): Promise<void>;
  /** A feed's since_id as committed. */
  sinceId(feed: string): string | null;
}

/** What a list of items amounts to. */
export interface PlannedBatch {
  mentions: IncomingMention[];
  deletions: string[];
  malformed: number;
  /** The newest status id each feed gave. */
  newest: Map<string, string>;
}

/** The ids of statuses delivered lately (bounded), so that one seen twice (by REST and by stream) is delivered once. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly limit: number) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    for (const oldest of this.ids) {
      if (this.ids.size <= this.limit) break;
      this.ids.delete(oldest);
    }
  }
}

/**
 * Turns items into a batch: statuses read as mentions (a status already delivered is not delivered again unless it
 * was edited; within the batch the last version wins), unreadable ones counted, deletions as external ids. An edit by
 * an account that has since opted out of indexing removes the mention.
 */
export function planBatch(items: readonly TimelineItem[], context: StatusContext, recent: RecentIds): PlannedBatch {
  const mentions = new Map<string, IncomingMention>();
  const deletions: string[] = [];
  const newest = new Map<string, string>();
  let malformed = 0;
  for (const item of items) {
    if (item.kind === 'malformed') malformed += 1;
    else if (item.kind === 'delete') deletions.push(statusExternalId(context.instanceHost, item.id));
    else {
      const reading = readStatus(item.status, context);
      if (item.feed !== null && reading.id !== null) newest.set(item.feed, newerStatusId(newest.get(item.feed), reading.id) ?? reading.id);
      if (reading.kind === 'invalid') malformed += 1;
      else if (reading.kind === 'skipped') {
        if (item.edited && reading.reason === 'opted-out') deletions.push(statusExternalId(context.instanceHost, reading.id));
      } else if (item.edited || !recent.has(reading.id)) {
        mentions.delete(reading.mention.externalId);
        mentions.set(reading.mention.externalId, reading.mention);
        recent.add(reading.id);
      }
    }
  }
  return { mentions: [...mentions.values()], deletions, malformed, newest };
}

/** Makes the delivery of one source run, starting from the since_ids committed before. */
export function createStatusDelivery(run: Pick<SourceRun, 'deliver'>, context: StatusContext, committed: ReadonlyMap<string, string>, recentLimit = 5000): StatusDelivery {
  const sinceIds = new Map(committed);
  const recent = new RecentIds(recentLimit);
  return {
    sinceId: (feed) => sinceIds.get(feed) ?? null,
    async deliver(items, reached = new Map()) {
      const planned = planBatch(items, context, recent);
      const next = new Map(sinceIds);
      for (const source of [planned.newest, reached]) {
        for (const [feed, id] of source) next.set(feed, newerStatusId(next.get(feed), id) ?? id);
      }
      const moved = [...next].some(([feed, id]) => sinceIds.get(feed) !== id);
      if (planned.mentions.length === 0 && planned.deletions.length === 0 && planned.malformed === 0 && !moved) return;
      await run.deliver({ mentions: planned.mentions, deletions: planned.deletions, malformed: planned.malformed, state: sinceIdsState(context.instanceHost, next) });
      for (const [feed, id] of next) sinceIds.set(feed, id);
    },
  };
}
