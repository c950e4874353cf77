import { MastodonRequestError, type MastodonClient } from './mastodon-client.js';
import { isStatusId, newerStatusId } from './status-ids.js';
import type { StatusDelivery, TimelineItem } from './status-delivery.js';
import type { TimelineFeed } from './timeline-feeds.js';

/** One page of a timeline: its statuses, newest first as the API gives them, and the newest id it reached. */
export interface TimelinePage {
  statuses: unknown[];
  reached: string | null;
}

/** How far a catch-up goes. */
export interface CatchUpLimits {
  /** Statuses asked for per request (Mastodon gives at most 40). */
  pageSize: number;
  /** Pages read per feed in one catch-up; the rest waits for the next. */
  maxCatchUpPages: number;
}

const LINK = /<([^>]*)>\s*;\s*rel="?([^";,]+)"?/g;

/** The id a `Link` header's `rel="prev"` page starts after (its `min_id` or `since_id`), if it has one. */
export function prevPageId(link: string | null): string | null {
  for (const [, target = '', rel = ''] of (link ?? '').matchAll(LINK)) {
    if (!rel.split(/\s+/).includes('prev') || !URL.canParse(target)) continue;
    const params = new URL(target).searchParams;
    const id = params.get('min_id') ?? params.get('since_id');
    return isStatusId(id) ? id : null;
  }
  return null;
}

function idOf(status: unknown): string | null {
  return status !== null && typeof status === 'object' && 'id' in status && isStatusId(status.id) ? status.id : null;
}

/**
 * Reads the page of a timeline just after `sinceId` (`min_id`, which pages forward from it), or its newest page when
 * there is no since_id yet. A hashtag nobody has used yet (404) is an empty page.
 */
export async function fetchTimelinePage(client: MastodonClient, feed: TimelineFeed, sinceId: string | null, pageSize: number): Promise<TimelinePage> {
  const answer = await client.get(feed.path, { ...feed.query, limit: String(pageSize), ...(sinceId === null ? {} : { min_id: sinceId }) }).catch((error: unknown) => {
    if (error instanceof MastodonRequestError && error.status === 404 && feed.stream.stream === 'hashtag') return { body: [], link: null };
    throw error;
  });
  if (!Array.isArray(answer.body)) throw new MastodonRequestError(`${client.host} answered ${feed.path} with something that is not a list of statuses.`, null);
  const statuses: unknown[] = answer.body;
  const reached = statuses.reduce<string | null>((newest, status) => newerStatusId(newest, idOf(status)), prevPageId(answer.link));
  return { statuses, reached };
}

/**
 * Brings each feed up to date by REST, page after page from its since_id, each page delivered (oldest first) with
 * the since_id it reaches, so that a failure part-way loses nothing. A feed without a since_id gets its newest page
 * only: a new source starts from now, not from the beginning of the timeline.
 */
export async function catchUp(client: MastodonClient, feeds: readonly TimelineFeed[], delivery: StatusDelivery, limits: CatchUpLimits): Promise<void> {
  for (const feed of feeds) {
    for (let page = 0; page < limits.maxCatchUpPages; page += 1) {
      const since = delivery.sinceId(feed.key);
      const { statuses, reached } = await fetchTimelinePage(client, feed, since, limits.pageSize);
      const items = statuses.map((status): TimelineItem => ({ kind: 'status', feed: feed.key, status, edited: false })).reverse();
      await delivery.deliver(items, reached === null ? undefined : new Map([[feed.key, reached]]));
      if (since === null || statuses.length < limits.pageSize || delivery.sinceId(feed.key) === since) break;
    }
  }
}
