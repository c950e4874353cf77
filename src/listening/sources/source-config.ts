import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' });

/** A feed source: an RSS, Atom or JSON Feed address, polled every so often. */
export const feedConfig = z.object({
  url: httpUrl,
  intervalSeconds: z.coerce.number().int().min(60, 'Poll at most once a minute').max(86_400, 'Poll at least once a day').default(300),
});

/** A Mastodon source: an instance, its public or local timeline and/or hashtags. */
export const mastodonConfig = z.object({
  instanceUrl: httpUrl,
  timeline: z.enum(['public', 'local', 'none']).default('none'),
  hashtags: z.array(z.string().trim().regex(/^#?[\p{L}\p{N}_]+$/u, 'A hashtag is letters, digits and underscores, like #UniversalCredit').transform((t) => t.replace(/^#/, '').toLowerCase())).max(20, 'Follow at most 20 hashtags per source').default([]),
}).refine((c) => c.timeline !== 'none' || c.hashtags.length > 0, { message: 'Choose a timeline or at least one hashtag', path: ['hashtags'] });

/** A Bluesky source: a Jetstream endpoint streaming app.bsky.feed.post events. */
export const blueskyConfig = z.object({
  jetstreamUrl: z.url({ protocol: /^wss?$/, error: 'Enter a WebSocket address starting with wss://, such as wss://jetstream2.us-east.bsky.network/subscribe' }),
});

/** A webhook source: others post mentions to it, signed with its secret. */
export const webhookConfig = z.object({});

/** Settings by kind. */
export const sourceConfigs = { rss: feedConfig, mastodon: mastodonConfig, bluesky: blueskyConfig, webhook: webhookConfig } as const;

/** A source kind. */
export type SourceKindName = keyof typeof sourceConfigs;
/** Settings of a feed source. */
export type FeedConfig = z.output<typeof feedConfig>;
/** Settings of a Mastodon source. */
export type MastodonConfig = z.output<typeof mastodonConfig>;
/** Settings of a Bluesky source. */
export type BlueskyConfig = z.output<typeof blueskyConfig>;
