import type { MastodonConfig } from '../source-config.js';

/** One timeline a source follows: where to read it by REST, how to subscribe to it by streaming, its cursor's key. */
export interface TimelineFeed {
  /** `public`, `local` or `tag:<name>`: the key of its since_id in the source's state. */
  key: string;
  /** The REST path, relative to the instance. */
  path: string;
  query: Record<string, string>;
  /** The streaming subscription. */
  stream: { stream: 'public' | 'public:local' | 'hashtag'; tag?: string };
}

/** The timelines a source's settings ask for: its public or local timeline, then each hashtag. */
export function timelineFeeds(config: Pick<MastodonConfig, 'timeline' | 'hashtags'>): TimelineFeed[] {
  const feeds: TimelineFeed[] = [];
  if (config.timeline === 'public') feeds.push({ key: 'public', path: '/api/v1/timelines/public', query: {}, stream: { stream: 'public' } });
  if (config.timeline === 'local') feeds.push({ key: 'local', path: '/api/v1/timelines/public', query: { local: 'true' }, stream: { stream: 'public:local' } });
  for (const tag of new Set(config.hashtags.map((t) => t.toLowerCase()))) {
    feeds.push({ key: `tag:${tag}`, path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, query: {}, stream: { stream: 'hashtag', tag } });
  }
  return feeds;
}

/** The feed a streaming event's `stream` names (`["public:local"]`, `["hashtag", "nhs"]`), or null for any other. */
export function feedKeyOfStream(stream: readonly string[]): string | null {
  const [name, tag] = stream;
  if (name === 'public') return 'public';
  if (name === 'public:local') return 'local';
  if (name === 'hashtag' && tag !== undefined && tag !== '') return `tag:${tag.toLowerCase()}`;
  return null;
}
