import { refusedAddress, type NetworkPolicy } from '../../../platform/net/address-policy.js';
import { fetchWithin, privateAddressReason, type FetchedResponse } from '../../../platform/net/guarded-connect.js';
import { STATUS_CODES } from 'node:http';
import { retryAfterSeconds } from './backoff.js';
import { type FeedState, type PollTiming, stateAfterFailure, stateAfterSuccess } from './feed-state.js';
import { absoluteHttpUrl } from './html-text.js';
import { decodeBody, readLimitedBody } from './read-body.js';

/** How one feed is fetched. Only `intervalSeconds` is required. */
export interface FetchFeedOptions {
  /** The source's polling interval: the wait after a success. */
  intervalSeconds: number;
  /** The whole poll, redirects and body included, is abandoned after this; 15 s by default. */
  timeoutMs?: number;
  /** The most bytes read (after decompression); 5 MB by default. */
  maxBytes?: number;
  /** 5 by default. */
  maxRedirects?: number;
  userAgent?: string;
  now?: () => Date;
  random?: () => number;
  backoff?: PollTiming['backoff'];
  /** Where the feed and its redirects may point; unset, addresses are not checked (the ingest runtime always sets it). */
  network?: NetworkPolicy;
}

/** One poll's outcome, each with the feed's new state. */
export type FeedFetch =
  | { outcome: 'fetched'; state: FeedState; body: string; contentType: string | null; url: string; fetchedAt: Date }
  | { outcome: 'not-modified'; state: FeedState }
  | { outcome: 'failed'; state: FeedState; error: string };

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

type Got = { response: FetchedResponse; url: string } | { error: string };

/**
 * Polls a feed once: a conditional GET (If-None-Match, If-Modified-Since from `previous`) asking for gzip, following at
 * most `maxRedirects` redirects itself, abandoned after `timeoutMs`, reading at most `maxBytes`. A 304 is "not
 * modified". Any failure (network, timeout, HTTP status, size) gives its message and a backed-off next poll, honouring
 * Retry-After on 429 and 503. Never throws.
 */
export async function fetchFeed(url: string, previous: FeedState | null, options: FetchFeedOptions): Promise<FeedFetch> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timing = (): PollTiming => ({
    now: (options.now ?? (() => new Date()))(),
    intervalSeconds: options.intervalSeconds,
    backoff: options.backoff,
    random: options.random,
  });
  const failed = (error: string, retryAfter: number | null = null): FeedFetch => ({
    outcome: 'failed',
    state: stateAfterFailure(previous, error, retryAfter, timing()),
    error,
  });
  try {
    const got = await follow(url, requestHeaders(previous, options.userAgent), options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, controller.signal, options.network);
    if ('error' in got) return failed(got.error);
    const { response } = got;
    const validators = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
    if (response.status === 304) {
      await response.body?.cancel();
      const kept = { etag: validators.etag ?? previous?.etag ?? null, lastModified: validators.lastModified ?? previous?.lastModified ?? null };
      return { outcome: 'not-modified', state: stateAfterSuccess(kept, timing()) };
    }
    if (response.status < 200 || response.status > 299 || response.status === 204) {
      await response.body?.cancel();
      const now = timing().now;
      const wait = response.status === 429 || response.status === 503 ? retryAfterSeconds(response.headers.get('retry-after'), now) : null;
      return failed(statusError(response.status, wait), wait);
    }
    const body = await readLimitedBody(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (!body.ok) return failed(body.error);
    const contentType = response.headers.get('content-type');
    const at = timing();
    return {
      outcome: 'fetched',
      state: stateAfterSuccess(validators, at),
      body: decodeBody(body.bytes, contentType),
      contentType,
      url: got.url,
      fetchedAt: at.now,
    };
  } catch (error) {
    return failed(controller.signal.aborted ? `No complete answer within ${timeoutMs / 1000} s.` : networkError(error));
  } finally {
    clearTimeout(timer);
  }
}

function requestHeaders(previous: FeedState | null, userAgent: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'accept-encoding': 'gzip',
    'user-agent': userAgent ?? 'Parley feed reader',
  };
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
  return headers;
}

/** Fetches `url`, following redirects itself so that it can count them and see loops. */
async function follow(url: string, headers: Record<string, string>, maxRedirects: number, signal: AbortSignal, network: NetworkPolicy | undefined): Promise<Got> {
  const start = absoluteHttpUrl(url, null);
  if (start === null) return { error: `${url} is not an http or https address.` };
  const visited = [start];
  const get = network ? fetchWithin(network) : fetch;
  for (;;) {
    const current = visited[visited.length - 1] ?? start;
    const refusal = network && (await refusedAddress(current, network));
    if (refusal) return { error: refusal };
    const response = await get(current, { headers, redirect: 'manual', signal });
    if (!REDIRECTS.has(response.status)) return { response, url: current };
    await response.body?.cancel();
    const location = response.headers.get('location');
    const next = absoluteHttpUrl(location ?? undefined, current);
    if (location === null) return { error: `The server answered ${response.status} (a redirect) but named no Location.` };
    if (next === null) return { error: `The server redirected to ${location}, which is not an http or https address.` };
    if (visited.includes(next)) return { error: `The redirects go round in a loop: ${[...visited, next].join(' → ')}.` };
    if (visited.length > maxRedirects) return { error: `The server redirected more than ${maxRedirects} times: ${visited.join(' → ')} → …` };
    visited.push(next);
  }
}

function statusError(status: number, wait: number | null): string {
  const answered = `The server answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
  return wait === null ? `${answered}.` : `${answered} and asked Parley to wait ${wait} s.`;
}

/** A fetch failure as a sentence: undici hides the system's reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkError(error: unknown): string {
  const refusal = privateAddressReason(error);
  if (refusal !== undefined) return refusal;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const detail = code ?? (cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error));
  return `Could not read the feed from its server (${detail}).`;
}
