import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { createStatusesApi, type PublishedStatus } from './mastodon-server-statuses.js';

export type { PublishedStatus } from './mastodon-server-statuses.js';

/** An account that posts: local to the fake instance, or from another (`domain`). */
export interface FakeAccount {
  username: string;
  domain?: string;
  displayName?: string;
  /** Mastodon 4.2+: whether the account lets its posts be indexed. */
  indexable?: boolean | null;
  /** Mastodon 4.0+: whether the account opted out of search engine indexing. */
  noindex?: boolean | null;
}

/** A status to post. `text` is written as a person would; the server formats it as Mastodon does. */
export interface NewStatus {
  account: FakeAccount;
  text: string;
  language?: string | null;
  inReplyTo?: string | null;
  spoiler?: string;
}

/** How the fake instance is set up. */
export interface MastodonServerOptions {
  /** LOCAL_DOMAIN: what local accounts' handles end in. Default `social.example`. */
  domain?: string;
  /** The one valid user token. Default `parley-test-token`. */
  token?: string;
  /** Timelines need a token (public preview disabled). Default false. */
  timelinesNeedToken?: boolean;
  /** Streaming needs a token, as from Mastodon 4.2. Default true. */
  streamingNeedsToken?: boolean;
  /** What `configuration.urls.streaming` says: a URL, null to leave it out, or by default this server's ws:// origin. */
  streamingUrl?: string | null;
  /** Answer only the old `/api/v1/instance` (before Mastodon 4.0). Default 'v2'. */
  instanceApi?: 'v1' | 'v2';
  /** The token's own account, which `POST /api/v1/statuses` posts as. Default `northmoorcouncil`. */
  account?: FakeAccount;
  /** `configuration.statuses.max_characters`, enforced on posting. Default 500. */
  maxCharacters?: number;
  /** How long an `Idempotency-Key` is remembered. Default an hour, as Mastodon. */
  idempotencyWindowMs?: number;
}

/** One REST request as the server saw it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  status: number;
}

/** A running fake Mastodon instance on 127.0.0.1: REST API and streaming API (WebSocket) on one port. */
export interface MastodonServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly domain: string;
  readonly token: string;
  readonly requests: readonly FakeRequest[];
  /** WebSocket handshakes attempted, accepted or not. */
  readonly streamingAttempts: number;
  /** The subscriptions of the open WebSocket connections: `public`, `public:local`, `hashtag:nhs`. */
  subscriptions(): string[];
  /** Posts a status: it joins the timelines and is streamed (`update`) to matching subscriptions. */
  post(status: NewStatus): Record<string, unknown>;
  /** Edits a status's text (`status.update`). */
  edit(id: string, text: string): Record<string, unknown>;
  /** Deletes a status (`delete`, with its id). */
  remove(id: string): void;
  /** Adds an arbitrary (perhaps malformed) status under the next id, streamed as it is; returns that id. */
  addRaw(json: Record<string, unknown>, tags?: string[]): string;
  /** Sends a text frame to every WebSocket connection. */
  sendRaw(message: string): void;
  /** Cuts every WebSocket connection. */
  dropStreams(): void;
  /** Stops reading the open WebSocket connections, as a server that hangs: pings go unanswered. */
  pauseStreams(): void;
  resumeStreams(): void;
  /** Lets WebSocket handshakes through ('open') or refuses them with an HTTP status. */
  setStreaming(mode: 'open' | number): void;
  /** The next `times` REST requests under `pathPrefix` get `status` (429 with rate-limit headers), with `{"error": error}`. */
  failNext(pathPrefix: string, status: number, options?: { retryAfter?: string; times?: number; error?: string }): void;
  /** The next REST request under `pathPrefix` is carried out, but its connection is cut before the answer. */
  cutAnswerNext(pathPrefix: string): void;
  /** The next REST request under `pathPrefix` is carried out, but its answer is never sent (until the server closes). */
  holdAnswerNext(pathPrefix: string): void;
  /** Statuses made through `POST /api/v1/statuses`, in order. */
  readonly published: readonly PublishedStatus[];
  /** Forgets every `Idempotency-Key`, as the instance does after an hour. */
  forgetIdempotencyKeys(): void;
  /** A status on another server (by its URL) that search with resolve=true fetches and copies here, as federation does. */
  federate(url: string, status: NewStatus): void;
  /** Makes the token invalid: every request bearing it answers 401 from now on. */
  revokeToken(): void;
  close(): Promise<void>;
}

interface Entry {
  id: bigint;
  json: Record<string, unknown>;
  local: boolean;
  tags: string[];
  /** What was posted, for edits; none for raw entries. */
  input?: NewStatus;
}

interface Client {
  socket: WebSocket;
  subscriptions: Set<string>;
}

const TOKENS = /(https?:\/\/[^\s<]+)|(?<![\p{L}\p{N}_])#([\p{L}\p{N}_]+)|(?<![\p{L}\p{N}_/])@([\p{L}\p{N}_]+)(?:@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+))?/gu;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Waits until `check` holds, looking every few milliseconds; fails after half a minute, naming what it waited for. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

/**
 * Starts a fake Mastodon instance that follows the documented API: `GET /api/v2/instance` (or v1), the public, local
 * and hashtag timelines with `since_id`, `min_id`, `max_id`, `limit` and `Link` headers, bearer tokens, and the
 * streaming API's multiplexed WebSocket (`/api/v1/streaming`, `stream`/`tag` in the query or subscribe messages,
 * events `{"stream":[…],"event":…,"payload":…}` with statuses as JSON strings). Statuses have Mastodon's shape and
 * its HTML formatting of links, mentions and hashtags.
 */
export async function startMastodonServer(options: MastodonServerOptions = {}): Promise<MastodonServer> {
  const domain = options.domain ?? 'social.example';
  const token = options.token ?? 'parley-test-token';
  const entries: Entry[] = [];
  const clients = new Set<Client>();
  const requests: FakeRequest[] = [];
  const failures: { prefix: string; status: number; retryAfter: string | undefined; error: string | undefined; left: number }[] = [];
  const cuts: string[] = [];
  const holds: string[] = [];
  let tokenValid = true;
  const accountIds = new Map<string, string>();
  let streaming: 'open' | number = 'open';
  let streamingAttempts = 0;
  let lastId = 0n;
  let origin = '';

  const nextId = (): bigint => {
    const snowflake = BigInt(Date.now()) << 16n;
    lastId = snowflake > lastId ? snowflake : lastId + 1n;
    return lastId;
  };

  const accountJson = (account: FakeAccount): Record<string, unknown> => {
    const home = account.domain === undefined ? origin : `https://${account.domain}`;
    const acct = account.domain === undefined ? account.username : `${account.username}@${account.domain}`;
    const id = accountIds.get(acct) ?? String(109_000_000_000_000_000n + BigInt(accountIds.size));
    accountIds.set(acct, id);
    return {
      id, username: account.username, acct, display_name: account.displayName ?? account.username, locked: false, bot: false, discoverable: true,
      ...(account.indexable === undefined ? {} : { indexable: account.indexable }), group: false, created_at: '2023-01-01T00:00:00.000Z', note: '<p></p>',
      url: `${home}/@${account.username}`, uri: `${home}/users/${account.username}`, avatar: `${origin}/avatars/original/missing.png`,
      header: `${origin}/headers/original/missing.png`, followers_count: 3, following_count: 5, statuses_count: 10, last_status_at: '2026-11-20',
      ...(account.noindex === undefined ? {} : { noindex: account.noindex }), emojis: [], fields: [],
    };
  };

  /** Formats text as Mastodon does: paragraphs, line breaks, and anchors for links, hashtags and mentions. */
  const format = (text: string): { content: string; tags: string[]; mentions: Record<string, unknown>[] } => {
    const tags: string[] = [];
    const mentions: Record<string, unknown>[] = [];
    const inline = (line: string): string => {
      let html = '';
      let at = 0;
      for (const match of line.matchAll(TOKENS)) {
        html += escapeHtml(line.slice(at, match.index));
        at = match.index + match[0].length;
        const [, url, tag, user, host] = match;
        if (url !== undefined) {
          const [, scheme = '', rest = ''] = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url) ?? [];
          html += `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(scheme)}</span><span class="">${escapeHtml(rest)}</span><span class="invisible"></span></a>`;
        } else if (tag !== undefined) {
          tags.push(tag.toLowerCase());
          html += `<a href="${origin}/tags/${encodeURIComponent(tag.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
        } else if (user !== undefined) {
          const account = accountJson(host === undefined ? { username: user } : { username: user, domain: host });
          mentions.push({ id: account.id, username: user, url: account.url, acct: account.acct });
          html += `<span class="h-card" translate="no"><a href="${String(account.url)}" class="u-url mention">@<span>${escapeHtml(user)}</span></a></span>`;
        }
      }
      return html + escapeHtml(line.slice(at));
    };
    const content = text.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map(inline).join('<br />')}</p>`).join('');
    return { content, tags: [...new Set(tags)], mentions };
  };

  const statusJson = (id: bigint, status: NewStatus, createdAt: string, editedAt: string | null): { json: Record<string, unknown>; tags: string[] } => {
    const { account } = status;
    const home = account.domain === undefined ? origin : `https://${account.domain}`;
    const { content, tags, mentions } = format(status.text);
    const inReplyTo = status.inReplyTo ?? null;
    return {
      tags,
      json: {
        id: String(id), created_at: createdAt, in_reply_to_id: inReplyTo, in_reply_to_account_id: inReplyTo === null ? null : '109000000000000000',
        sensitive: (status.spoiler ?? '') !== '', spoiler_text: status.spoiler ?? '', visibility: 'public', language: status.language === undefined ? 'en' : status.language,
        uri: `${home}/users/${account.username}/statuses/${id}`, url: `${home}/@${account.username}/${id}`, replies_count: 0, reblogs_count: 0, favourites_count: 0,
        edited_at: editedAt, content, reblog: null, application: account.domain === undefined ? { name: 'Web', website: null } : undefined,
        account: accountJson(account), media_attachments: [], mentions, tags: tags.map((name) => ({ name, url: `${origin}/tags/${encodeURIComponent(name)}` })),
        emojis: [], card: null, poll: null,
      },
    };
  };

  const matches = (entry: Entry, subscription: string): boolean =>
    subscription === 'public' || (subscription === 'public:local' && entry.local) || (subscription.startsWith('hashtag:') && entry.tags.includes(subscription.slice(8)));

  const broadcast = (entry: Entry, event: string, payload: string): void => {
    for (const client of clients) {
      for (const subscription of client.subscriptions) {
        if (!matches(entry, subscription)) continue;
        const stream = subscription.startsWith('hashtag:') ? ['hashtag', subscription.slice(8)] : [subscription];
        client.socket.send(JSON.stringify({ stream, event, payload }));
      }
    }
  };

  const find = (id: string): Entry => {
    const entry = entries.find((e) => String(e.id) === id);
    if (entry === undefined) throw new Error(`no status ${id}`);
    return entry;
  };

  const statusesApi = createStatusesApi({
    account: options.account ?? { username: 'northmoorcouncil', displayName: 'Northmoor Council' },
    maxCharacters: options.maxCharacters ?? 500,
    idempotencyWindowMs: options.idempotencyWindowMs ?? 60 * 60 * 1000,
    post: (status) => api.post(status),
    find: (id) => entries.find((e) => String(e.id) === id)?.json,
    accountJson,
    page: (keep, url) => {
      const page = timeline(entries.filter((e) => keep(e.json)), url.searchParams);
      return { statuses: page.map((e) => e.json), link: page.length === 0 ? undefined : linkHeader(url, page) };
    },
  });

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => upgrade(request, socket, head));

  function send(response: ServerResponse, request: IncomingMessage, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const url = new URL(request.url ?? '/', origin);
    const cut = cuts.findIndex((prefix) => url.pathname.startsWith(prefix));
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: request.headers.authorization, status: cut === -1 ? status : 0 });
    if (cut !== -1) {
      cuts.splice(cut, 1);
      request.socket.destroy();
      return;
    }
    const hold = holds.findIndex((prefix) => url.pathname.startsWith(prefix));
    if (hold !== -1) {
      holds.splice(hold, 1);
      return;
    }
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    const failure = failures.find((f) => f.left > 0 && path.startsWith(f.prefix));
    if (failure !== undefined) {
      failure.left -= 1;
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter };
      if (failure.status === 429) Object.assign(headers, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString() });
      return send(response, request, failure.status, { error: failure.error ?? (failure.status === 429 ? 'Too many requests' : STATUS_CODES[failure.status] ?? 'Error') }, headers);
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined && (!tokenValid || authorization !== `Bearer ${token}`)) return send(response, request, 401, { error: 'The access token is invalid' });
    const posting = statusesApi.answer(request, url, body, authorization !== undefined);
    if (posting !== undefined) return send(response, request, ...posting);
    if (path === '/api/v2/instance' && options.instanceApi !== 'v1') return send(response, request, 200, instanceV2());
    if (path === '/api/v1/instance') return send(response, request, 200, instanceV1());
    if (path === '/api/v1/streaming/health') return send(response, request, 200, 'OK', { 'content-type': 'text/plain' });
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path)?.[1];
    if (path !== '/api/v1/timelines/public' && tag === undefined) return send(response, request, 404, { error: 'Record not found' });
    if (options.timelinesNeedToken === true && authorization === undefined) return send(response, request, 401, { error: 'This method requires an authenticated user' });
    const name = tag === undefined ? undefined : decodeURIComponent(tag).toLowerCase();
    if (name !== undefined && !entries.some((e) => e.tags.includes(name))) return send(response, request, 404, { error: 'Record not found' });
    const local = url.searchParams.get('local') === 'true';
    const page = timeline(entries.filter((e) => (name === undefined ? !local || e.local : e.tags.includes(name))), url.searchParams);
    const links: Record<string, string> = page.length === 0 ? {} : { link: linkHeader(url, page) };
    return send(response, request, 200, page.map((e) => e.json), links);
  }

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that hangs up mid-handshake must not crash the server.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', origin);
    const refuse = (status: number, error: string): void => {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ error })}`);
    };
    if (url.pathname !== '/api/v1/streaming') return refuse(404, 'Not found');
    streamingAttempts += 1;
    if (streaming !== 'open') return refuse(streaming, STATUS_CODES[streaming] ?? 'Error');
    const offered = request.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('access_token') ?? request.headers['sec-websocket-protocol'];
    if (offered !== undefined && offered !== token) return refuse(401, 'Invalid access token');
    if (offered === undefined && options.streamingNeedsToken !== false) return refuse(401, 'Missing access token');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const client: Client = { socket: ws, subscriptions: new Set() };
      const subscribe = (stream: unknown, tag: unknown, on: boolean): void => {
        const key = stream === 'hashtag' && typeof tag === 'string' && tag !== '' ? `hashtag:${tag.toLowerCase()}` : stream;
        if (key !== 'public' && key !== 'public:local' && (typeof key !== 'string' || !key.startsWith('hashtag:'))) {
          ws.send(JSON.stringify({ error: 'Unknown stream type', status: 400 }));
        } else if (on) client.subscriptions.add(key);
        else client.subscriptions.delete(key);
      };
      const stream = url.searchParams.get('stream');
      if (stream !== null) subscribe(stream, url.searchParams.get('tag'), true);
      ws.on('message', (data, isBinary) => {
        let message: unknown;
        try {
          message = isBinary || !Buffer.isBuffer(data) ? undefined : JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        if (message === null || typeof message !== 'object' || !('type' in message) || !('stream' in message)) return;
        subscribe(message.stream, 'tag' in message ? message.tag : undefined, message.type === 'subscribe');
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => clients.delete(client));
      clients.add(client);
    });
  }

  function timeline(candidates: Entry[], query: URLSearchParams): Entry[] {
    const bound = (name: string): bigint | null => {
      const value = query.get(name);
      return value !== null && /^\d+$/.test(value) ? BigInt(value) : null;
    };
    const limit = Math.min(40, Math.max(1, Number(query.get('limit') ?? 20) || 20));
    const [since, min, max] = [bound('since_id'), bound('min_id'), bound('max_id')];
    const within = candidates.filter((e) => (since === null || e.id > since) && (min === null || e.id > min) && (max === null || e.id < max));
    within.sort((a, b) => (a.id < b.id ? 1 : -1));
    // min_id pages forward: the statuses just after it, still given newest first.
    return min === null ? within.slice(0, limit) : within.slice(-limit);
  }

  function linkHeader(url: URL, page: Entry[]): string {
    const at = (name: string, id: bigint): string => {
      const target = new URL(url.pathname, origin);
      if (url.searchParams.get('local') === 'true') target.searchParams.set('local', 'true');
      target.searchParams.set(name, String(id));
      return target.href;
    };
    const newest = page[0]?.id ?? 0n;
    const oldest = page[page.length - 1]?.id ?? 0n;
    return `<${at('max_id', oldest)}>; rel="next", <${at('min_id', newest)}>; rel="prev"`;
  }

  function wsOrigin(): string {
    return origin.replace(/^http/, 'ws');
  }

  function instanceV2(): Record<string, unknown> {
    const urls = options.streamingUrl === null ? {} : { streaming: options.streamingUrl ?? wsOrigin() };
    return {
      domain, title: 'Social Example', version: '4.3.2', source_url: 'https://github.com/mastodon/mastodon', description: 'A fake instance for tests.',
      usage: { users: { active_month: 12 } }, languages: ['en', 'cy'],
      configuration: {
        urls: { ...urls, status: null, about: `${origin}/about`, privacy_policy: `${origin}/privacy-policy` },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: { max_characters: options.maxCharacters ?? 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: { supported_mime_types: ['image/jpeg'], image_size_limit: 16_777_216 },
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      api_versions: { mastodon: 2 },
      contact: { email: `admin@${domain}`, account: null },
      rules: [],
    };
  }

  function instanceV1(): Record<string, unknown> {
    const urls = options.streamingUrl === null ? {} : { streaming_api: options.streamingUrl ?? wsOrigin() };
    return { uri: domain, title: 'Social Example', version: '3.5.3', urls, configuration: { statuses: { max_characters: options.maxCharacters ?? 500 } }, stats: { user_count: 12, status_count: entries.length, domain_count: 3 } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake Mastodon server has no TCP port.');
  origin = `http://127.0.0.1:${address.port}`;

  const api: MastodonServer = {
    origin,
    domain,
    token,
    requests,
    published: statusesApi.published,
    forgetIdempotencyKeys: () => statusesApi.forgetIdempotencyKeys(),
    federate: (url, status) => statusesApi.federate(url, status),
    revokeToken() {
      tokenValid = false;
    },
    holdAnswerNext(prefix) {
      holds.push(prefix);
    },
    cutAnswerNext(prefix) {
      cuts.push(prefix);
    },
    get streamingAttempts() {
      return streamingAttempts;
    },
    subscriptions: () => [...clients].flatMap((c) => [...c.subscriptions]),
    post(status) {
      const id = nextId();
      const { json, tags } = statusJson(id, status, new Date().toISOString(), null);
      const entry: Entry = { id, json, local: status.account.domain === undefined, tags, input: status };
      entries.push(entry);
      broadcast(entry, 'update', JSON.stringify(json));
      return json;
    },
    edit(id, text) {
      const entry = find(id);
      if (entry.input === undefined) throw new Error(`status ${id} was added raw and cannot be edited`);
      entry.input = { ...entry.input, text };
      const { json, tags } = statusJson(entry.id, entry.input, String(entry.json.created_at), new Date().toISOString());
      entry.json = json;
      entry.tags = [...new Set([...entry.tags, ...tags])];
      broadcast(entry, 'status.update', JSON.stringify(json));
      return json;
    },
    remove(id) {
      const entry = find(id);
      entries.splice(entries.indexOf(entry), 1);
      broadcast(entry, 'delete', id);
    },
    addRaw(json, tags = []) {
      const entry: Entry = { id: nextId(), json, local: true, tags: tags.map((t) => t.toLowerCase()) };
      entries.push(entry);
      broadcast(entry, 'update', JSON.stringify(json));
      return String(entry.id);
    },
    sendRaw(message) {
      for (const client of clients) client.socket.send(message);
    },
    dropStreams() {
      for (const client of clients) client.socket.terminate();
    },
    pauseStreams() {
      for (const client of clients) client.socket.pause();
    },
    resumeStreams() {
      for (const client of clients) client.socket.resume();
    },
    setStreaming(mode) {
      streaming = mode;
    },
    failNext(prefix, status, failure = {}) {
      failures.push({ prefix, status, retryAfter: failure.retryAfter, error: failure.error, left: failure.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of clients) client.socket.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return api;
}
