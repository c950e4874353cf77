import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { type FeedState, stateAfterFailure } from './feed-state.js';
import { type FeedFetch, type FetchFeedOptions, fetchFeed } from './fetch-feed.js';
import { type SkippedItem, parseFeed } from './parse-feed.js';

/** One poll of a feed source, fetched and read, with the source's new state. */
export type FeedPoll =
  | Exclude<FeedFetch, { outcome: 'fetched' }>
  | { outcome: 'fetched'; state: FeedState; title: string; items: IncomingMention[]; skipped: SkippedItem[] };

/**
 * Polls a feed source once and reads what it got into mentions. A body that is not a feed fails the poll like any
 * other fault (the source backs off and shows the error), and the validators of the unreadable copy are not kept, so
 * the next poll reads it afresh. Storage-free: the caller keeps `state` and the mentions.
 */
export async function pollFeed(
  url: string,
  previous: FeedState | null,
  options: FetchFeedOptions,
): Promise<FeedPoll> {
  const fetched = await fetchFeed(url, previous, options);
  if (fetched.outcome !== 'fetched') return fetched;
  const feed = parseFeed({ body: fetched.body, contentType: fetched.contentType, url: fetched.url, fetchedAt: fetched.fetchedAt });
  if (feed.ok) return { outcome: 'fetched', state: fetched.state, title: feed.title, items: feed.items, skipped: feed.skipped };
  const timing = { now: fetched.fetchedAt, intervalSeconds: options.intervalSeconds, backoff: options.backoff, random: options.random };
  return { outcome: 'failed', state: stateAfterFailure(previous, feed.error, null, timing), error: feed.error };
}
