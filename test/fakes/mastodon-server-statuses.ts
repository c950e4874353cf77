import type { IncomingMessage } from 'node:http';
import type { FakeAccount, NewStatus } from './mastodon-server.js';

/** A status made through `POST /api/v1/statuses`: what was asked for and what the instance made. */
export interface PublishedStatus {
  idempotencyKey: string | undefined;
  params: Record<string, string>;
  status: Record<string, unknown>;
}

/** What the posting side needs from the fake instance. */
export interface StatusesApiContext {
  account: FakeAccount;
  maxCharacters: number;
  idempotencyWindowMs: number;
  post(status: NewStatus): Record<string, unknown>;
  /** A status by id, as it is now; undefined when there is none (or it was deleted). */
  find(id: string): Record<string, unknown> | undefined;
  accountJson(account: FakeAccount): Record<string, unknown>;
  /** A page of the statuses that pass `keep`, newest first, by `limit`, `max_id`, `since_id`, `min_id`, with its Link header. */
  page(keep: (status: Record<string, unknown>) => boolean, url: URL): { statuses: Record<string, unknown>[]; link: string | undefined };
}

/** An answer: status, JSON body and extra headers. */
export type Answer = [status: number, body: unknown, headers?: Record<string, string>];

/** The posting side of the fake instance. */
export interface StatusesApi {
  readonly published: PublishedStatus[];
  /** Forgets every idempotency key, as an instance does after an hour. */
  forgetIdempotencyKeys(): void;
  /** A status on another server that `GET /api/v2/search?resolve=true` can fetch by its URL, as federation would. */
  federate(url: string, status: NewStatus): void;
  /** The answer to a request on the posting side; undefined when the request is for another part of the API. */
  answer(request: IncomingMessage, url: URL, body: string, authorised: boolean): Answer | undefined;
}

const INVALID_TOKEN: Answer = [401, { error: 'The access token is invalid' }];
const VISIBILITIES = new Set(['public', 'unlisted', 'private', 'direct']);
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Mastodon's StatusLengthValidator: graphemes, with each link counted as 23 and `@user@domain` as `@user`. */
function mastodonLength(text: string): number {
  const countable = text.replace(/https?:\/\/\S+/g, 'x'.repeat(23)).replace(/(?<![\p{L}\p{N}_/])@([a-z0-9_]+)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]/giu, '@$1');
  return [...graphemes.segment(countable)].length;
}

function readParams(request: IncomingMessage, body: string): Record<string, string> | undefined {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (!type.startsWith('application/json')) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : typeof v === 'number' ? [[k, String(v)]] : [])));
  } catch {
    return undefined;
  }
}

/**
 * `POST /api/v1/statuses` (JSON or form; `Idempotency-Key` gives back the status made with the same key, not a
 * second one, within the window), `GET /api/v1/accounts/verify_credentials` and `GET /api/v1/accounts/:id/statuses`.
 */
export function createStatusesApi(context: StatusesApiContext): StatusesApi {
  const published: PublishedStatus[] = [];
  const remote = new Map<string, NewStatus>();
  const resolved = new Map<string, string>();
  const keys = new Map<string, { id: string; at: number }>();
  const own = (): Record<string, unknown> => context.accountJson(context.account);

  const create = (request: IncomingMessage, body: string): Answer => {
    const params = readParams(request, body);
    if (params === undefined) return [400, { error: 'Error while parsing request body' }];
    const header = request.headers['idempotency-key'];
    const key = typeof header === 'string' ? header : undefined;
    const earlier = key === undefined ? undefined : keys.get(key);
    if (earlier !== undefined && Date.now() - earlier.at < context.idempotencyWindowMs) {
      const status = context.find(earlier.id);
      return status === undefined ? [404, { error: 'Record not found' }] : [200, status];
    }
    const text = params.status ?? '';
    if (text.trim() === '') return [422, { error: "Validation failed: Text can't be blank" }];
    if (mastodonLength(text) > context.maxCharacters) return [422, { error: `Validation failed: Text character limit of ${context.maxCharacters} exceeded` }];
    if (params.visibility !== undefined && !VISIBILITIES.has(params.visibility)) return [422, { error: "Validation failed: Visibility can't be blank" }];
    const parent = params.in_reply_to_id;
    if (parent !== undefined && context.find(parent) === undefined) return [404, { error: 'The post you are trying to reply to does not appear to exist.' }];
    const status = context.post({ account: context.account, text, language: params.language ?? null, inReplyTo: parent ?? null });
    if (key !== undefined) keys.set(key, { id: String(status.id), at: Date.now() });
    published.push({ idempotencyKey: key, params, status });
    return [200, status];
  };

  /** Mastodon's search for a status by URL: its own statuses, or with resolve=true (signed in) a remote one, fetched once. */
  const search = (url: URL, authorised: boolean): Answer => {
    const q = url.searchParams.get('q') ?? '';
    const type = url.searchParams.get('type');
    if (type !== null && type !== 'statuses') return [200, { accounts: [], statuses: [], hashtags: [] }];
    const known = resolved.get(q);
    const local = known === undefined ? context.page((s) => s.url === q || s.uri === q, new URL('http://fake/?limit=1')).statuses[0] : context.find(known);
    if (local !== undefined) return [200, { accounts: [], statuses: [local], hashtags: [] }];
    const far = remote.get(q);
    if (far === undefined || url.searchParams.get('resolve') !== 'true') return [200, { accounts: [], statuses: [], hashtags: [] }];
    if (!authorised) return [401, { error: 'This method requires an authenticated user' }];
    const copy = context.post(far);
    resolved.set(q, String(copy.id));
    return [200, { accounts: [], statuses: [copy], hashtags: [] }];
  };

  return {
    published,
    forgetIdempotencyKeys: () => keys.clear(),
    federate: (address, status) => remote.set(address, status),
    answer(request, url, body, authorised) {
      const path = url.pathname;
      if (path === '/api/v2/search') return search(url, authorised);
      if (request.method === 'POST' && path === '/api/v1/statuses') return authorised ? create(request, body) : INVALID_TOKEN;
      if (path === '/api/v1/accounts/verify_credentials') {
        return authorised ? [200, { ...own(), source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [] } }] : INVALID_TOKEN;
      }
      const id = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(path)?.[1];
      if (id === undefined) return undefined;
      if (id !== own().id) return [404, { error: 'Record not found' }];
      const excludeReplies = url.searchParams.get('exclude_replies') === 'true';
      const { statuses, link } = context.page((s) => {
        const account = s.account;
        return account !== null && typeof account === 'object' && 'id' in account && account.id === id && !(excludeReplies && s.in_reply_to_id !== null);
      }, url);
      return [200, statuses, link === undefined ? {} : { link }];
    },
  };
}
