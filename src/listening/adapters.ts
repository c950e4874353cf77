import type { SourceAdapter } from './sources/source-adapter.js';
import type { SourceTable } from './sources/tables.js';
import { blueskyAdapter } from './sources/bluesky/bluesky-adapter.js';
import { feedAdapter } from './sources/feed/feed-adapter.js';
import { mastodonAdapter } from './sources/mastodon/mastodon-adapter.js';

/** The adapter that runs each kind of source in a worker (webhook sources are pushed to, not run). */
export const sourceAdapters: Partial<Record<SourceTable['kind'], SourceAdapter>> = {
  rss: feedAdapter,
  mastodon: mastodonAdapter,
  bluesky: blueskyAdapter,
};
