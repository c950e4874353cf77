import { POST_COLLECTION } from './jetstream-change.js';

/**
 * The URL to subscribe with: the source's Jetstream address (its /subscribe path added when it has none) asking for
 * posts only, from `cursor` (a `time_us`) when there is one, else from now.
 */
export function subscribeUrl(jetstreamUrl: string, cursor: number | null): string {
  const url = new URL(jetstreamUrl);
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/subscribe';
  url.searchParams.delete('wantedCollections');
  url.searchParams.append('wantedCollections', POST_COLLECTION);
  url.searchParams.delete('cursor');
  if (cursor !== null) url.searchParams.set('cursor', String(cursor));
  return url.toString();
}
