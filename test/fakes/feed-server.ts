import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

/** The sample documents in test/fakes/feeds/. */
export const sampleFeeds = {
  rss: { file: 'council-news.rss.xml', contentType: 'application/rss+xml; charset=utf-8' },
  atom: { file: 'libraries.atom.xml', contentType: 'application/atom+xml' },
  json: { file: 'service-updates.json', contentType: 'application/feed+json' },
  rdf: { file: 'planning.rdf.xml', contentType: 'application/rdf+xml' },
} as const;

/** The text of a sample document. */
export function sampleFeed(name: keyof typeof sampleFeeds): string {
  return readFileSync(new URL(`feeds/${sampleFeeds[name].file}`, import.meta.url), 'utf8');
}

/** What the server answers on one path. */
export type FeedRoute =
  /** A document, with validators the server honours (If-None-Match, then If-Modified-Since → 304), gzip on request. */
  | { kind: 'feed'; body: string | Buffer; contentType: string; etag?: string; lastModified?: string; gzip?: boolean }
  /** Any status, with an optional Retry-After and body. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  /** Never finishes: either sends nothing at all, or the headers and a first piece of the body. */
  | { kind: 'stall'; afterHeaders: boolean }
  /** A body that never ends: items written as fast as the client reads, until it hangs up. */
  | { kind: 'endless' }
  /** Each request gets the next route; the last one repeats. */
  | { kind: 'sequence'; routes: FeedRoute[] };

/** One request as the server saw it, and the status it answered. */
export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
  gzipped: boolean;
}

/** A running fake feed server on 127.0.0.1. */
export interface FeedServer {
  readonly origin: string;
  url(path: string): string;
  route(path: string, route: FeedRoute): void;
  readonly requests: readonly RecordedRequest[];
  /** How many requests a path received. */
  requestCount(path: string): number;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 and a free port that serves feeds as real servers do: ETag / If-None-Match and
 * Last-Modified / If-Modified-Since with 304 (RFC 9110: If-None-Match wins when both are sent; weak comparison), gzip
 * when asked for it, and whatever failures a route describes. Unknown paths answer 404.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>();
  const seen = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const count = seen.get(path) ?? 0;
    seen.set(path, count + 1);
    const record: RecordedRequest = { path, headers: request.headers, status: 0, gzipped: false };
    requests.push(record);
    answer(routes.get(path), count, request, response, record);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake feed server has no TCP port.');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, route) => routes.set(path, route),
    requests,
    requestCount: (path) => seen.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function answer(route: FeedRoute | undefined, count: number, request: IncomingMessage, response: ServerResponse, record: RecordedRequest): void {
  const send = (status: number, headers: Record<string, string>, body?: string | Buffer): void => {
    record.status = status;
    response.writeHead(status, headers).end(body);
  };
  if (route === undefined) return send(404, { 'content-type': 'text/plain' }, 'Not found');
  switch (route.kind) {
    case 'sequence': {
      const next = route.routes[Math.min(count, route.routes.length - 1)];
      return answer(next, count, request, response, record);
    }
    case 'feed':
      return serveFeed(route, request, send, record);
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (route.retryAfter !== undefined) headers['retry-after'] = route.retryAfter;
      return send(route.status, headers, route.body ?? '');
    }
    case 'redirect':
      return send(route.status ?? 302, { location: route.location });
    case 'stall':
      if (route.afterHeaders) {
        record.status = 200;
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow');
      }
      return;
    case 'endless':
      record.status = 200;
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>');
      return pump(response);
  }
}

function serveFeed(
  route: Extract<FeedRoute, { kind: 'feed' }>,
  request: IncomingMessage,
  send: (status: number, headers: Record<string, string>, body?: string | Buffer) => void,
  record: RecordedRequest,
): void {
  const validators: Record<string, string> = {};
  if (route.etag !== undefined) validators.etag = route.etag;
  if (route.lastModified !== undefined) validators['last-modified'] = route.lastModified;
  if (notModified(route, request.headers)) return send(304, validators);
  const headers = { ...validators, 'content-type': route.contentType, vary: 'Accept-Encoding' };
  const wantsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (route.gzip === true && wantsGzip) {
    record.gzipped = true;
    return send(200, { ...headers, 'content-encoding': 'gzip' }, gzipSync(route.body));
  }
  return send(200, headers, route.body);
}

function notModified(route: Extract<FeedRoute, { kind: 'feed' }>, headers: IncomingHttpHeaders): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (route.etag === undefined) return false;
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(route.etag.replace(/^W\//, ''));
  }
  const since = headers['if-modified-since'];
  if (since === undefined || route.lastModified === undefined) return false;
  const sinceTime = Date.parse(since);
  return !Number.isNaN(sinceTime) && Date.parse(route.lastModified) <= sinceTime;
}

function pump(response: ServerResponse): void {
  const chunk = '<item><title>Again</title><description>More of the same.</description></item>'.repeat(200);
  while (!response.destroyed) {
    if (!response.write(chunk)) {
      response.once('drain', () => pump(response));
      return;
    }
  }
}
