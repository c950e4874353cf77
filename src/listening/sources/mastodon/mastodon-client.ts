import { STATUS_CODES } from 'node:http';
import type { NetworkPolicy } from '../../../platform/net/address-policy.js';
import { fetchWithin, privateAddressReason, type FetchedResponse } from '../../../platform/net/guarded-connect.js';
import { retryAfterSeconds } from '../feed/backoff.js';
import { readLimitedBody } from '../feed/read-body.js';
import { SourceRunError } from '../source-adapter.js';

/** A failed request to an instance, with its HTTP status when it got one. */
export class MastodonRequestError extends SourceRunError {
  constructor(message: string, readonly status: number | null, retryAfter: number | null = null) {
    super(message, retryAfter);
    this.name = 'MastodonRequestError';
  }
}

/** A JSON answer and its `Link` header. */
export interface MastodonAnswer {
  body: unknown;
  link: string | null;
}

/** Reads an instance's REST API as the source's account (or anonymously when it has no token). */
export interface MastodonClient {
  /** The instance's host, as in its address (`mastodon.social`). */
  readonly host: string;
  /** GETs a path of the API; rejects with a MastodonRequestError that says what went wrong in plain words. */
  get(path: string, query?: Record<string, string>): Promise<MastodonAnswer>;
}

/** How the client talks to an instance. */
export interface MastodonClientOptions {
  instanceUrl: string;
  token: string | undefined;
  signal: AbortSignal;
  /** One request, body included, is abandoned after this. */
  timeoutMs: number;
  /** The most bytes of one answer read. Default 5 MB. */
  maxBytes?: number;
  /** Where the instance may be; every connection is checked against it. */
  network: NetworkPolicy;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** The wait an answer asks for: `Retry-After`, else Mastodon's `X-RateLimit-Reset` (an ISO 8601 time) on a 429. */
export function waitAskedFor(response: FetchedResponse, now: Date): number | null {
  const asked = retryAfterSeconds(response.headers.get('retry-after'), now);
  if (asked !== null || response.status !== 429) return asked;
  const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
  return Number.isNaN(reset) ? null : Math.max(0, Math.ceil((reset - now.getTime()) / 1000));
}

function serverMessage(body: unknown): string {
  if (body === null || typeof body !== 'object' || !('error' in body) || typeof body.error !== 'string') return '';
  return `: “${body.error.replace(/\s+/g, ' ').trim().slice(0, 160)}”`;
}

function statusMessage(host: string, path: string, status: number, token: string | undefined, body: unknown, wait: number | null): string {
  const answered = `${host} answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd() + serverMessage(body);
  if (status === 401) return token === undefined ? `${answered}. This instance lets only signed-in apps read it: add an access token to the source.` : `${answered}. It does not accept the source’s access token: replace it.`;
  if (status === 403) return `${answered}. The source’s account may not read ${path}.`;
  if (status === 429) return `${answered}: it is limiting how often Parley may ask${wait === null ? '' : `, and asked it to wait ${wait} s`}.`;
  return `${answered} for ${path}${wait === null ? '' : `, and asked Parley to wait ${wait} s`}.`;
}

function networkMessage(host: string, error: unknown): string {
  const refusal = privateAddressReason(error);
  if (refusal !== undefined) return refusal;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return `Could not reach the Mastodon instance ${host} (${code ?? (error instanceof Error ? error.message : String(error))}).`;
}

async function readJson(response: FetchedResponse, maxBytes: number): Promise<unknown> {
  const read = await readLimitedBody(response, maxBytes);
  if (!read.ok) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(read.bytes));
    return parsed;
  } catch {
    return undefined;
  }
}

/** Makes a client for one instance. Redirects are not followed, so the token is only ever sent to the instance. */
export function createMastodonClient(options: MastodonClientOptions): MastodonClient {
  const base = new URL(options.instanceUrl);
  const { host } = base;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const get = fetchWithin(options.network);
  return {
    host,
    async get(path, query = {}) {
      const url = new URL(path, base);
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Parley (social listening for public services)' };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
      let response: FetchedResponse;
      let body: unknown;
      try {
        response = await get(url, { headers, redirect: 'manual', signal });
        body = await readJson(response, maxBytes);
      } catch (error) {
        if (options.signal.aborted) throw error;
        if (signal.aborted) throw new MastodonRequestError(`The Mastodon instance ${host} gave no complete answer to ${path} within ${options.timeoutMs / 1000} s.`, null);
        throw new MastodonRequestError(networkMessage(host, error), null);
      }
      if (response.status >= 300 && response.status < 400) {
        throw new MastodonRequestError(`${host} redirected ${path} to ${response.headers.get('location') ?? 'nowhere'}: use the instance’s own address for the source.`, response.status);
      }
      if (!response.ok) {
        const wait = waitAskedFor(response, new Date());
        throw new MastodonRequestError(statusMessage(host, path, response.status, options.token, body, wait), response.status, wait);
      }
      if (body === undefined) throw new MastodonRequestError(`${host} answered ${path} with something that is not JSON (or is larger than ${maxBytes} bytes).`, response.status);
      return { body, link: response.headers.get('link') };
    },
  };
}
