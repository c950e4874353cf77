import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { validatePost } from './bluesky-pds-post-record.js';

/** How the fake PDS is set up. */
export interface BlueskyPdsOptions {
  /** The account's handle. Default `northmoorcouncil.bsky.social`. */
  handle?: string;
  /** Default `did:plc:northmoorcouncil0000000`. */
  did?: string;
  /** The one app password `createSession` accepts. Default `abcd-efgh-ijkl-mnop`. */
  appPassword?: string;
  /** How long an access token lasts. Default 2 hours, as bsky.social. */
  accessTokenTtlMs?: number;
  /** Other accounts `resolveHandle` knows: handle → DID. */
  handles?: Record<string, string>;
  /**
   * How a create under a record key already taken is refused: as the reference PDS does today, 500
   * InternalServerError (bluesky-social/atproto#3718), or with a named error, 409 RecordAlreadyExists (atproto PR #4728).
   */
  duplicateKey?: 'internal-error' | 'named-error';
}

/** A record in the account's repository. */
export interface StoredRecord {
  uri: string;
  cid: string;
  collection: string;
  rkey: string;
  value: Record<string, unknown>;
}

/** One XRPC request as the PDS saw it; status 0 when its answer was cut off. */
export interface PdsRequest {
  method: string;
  nsid: string;
  status: number;
  body: unknown;
}

/** A running fake PDS on 127.0.0.1. */
export interface BlueskyPds {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly handle: string;
  readonly did: string;
  readonly appPassword: string;
  readonly requests: readonly PdsRequest[];
  /** The records of the account's repository, in the order they were made. */
  readonly records: readonly StoredRecord[];
  /** The `app.bsky.feed.post` records. */
  posts(): StoredRecord[];
  /** Makes every access token given so far expired (`ExpiredToken`); refresh tokens still work. */
  expireAccessTokens(): void;
  /** Revokes every session: access and refresh tokens alike, as after the app password is revoked. */
  revokeSessions(): void;
  /** The next `times` requests of `nsid` get `status` and `{error, message}`; a 429 carries rate-limit headers. */
  failNext(nsid: string, status: number, options?: { error?: string; message?: string; times?: number; resetInSeconds?: number }): void;
  /** The next request of `nsid` is carried out, but its connection is cut before the answer. */
  cutAnswerNext(nsid: string): void;
  /** Puts a record straight into the repository (to occupy a record key). */
  addRecord(collection: string, rkey: string, value: Record<string, unknown>): StoredRecord;
  /**
   * Puts another account's post where `getRecord` finds it, as the reference PDS answers for other repositories by
   * passing the read to its AppView. Not in `records` or `posts()`: those are the channel account's own.
   */
  addOtherPost(did: string, rkey: string, value: Record<string, unknown>): StoredRecord;
  close(): Promise<void>;
}

type Answer = [status: number, body: unknown, headers?: Record<string, string>];

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const RATE_LIMIT = 3000;
const RATE_WINDOW_S = 300;

function xrpcError(status: number, error: string, message: string): Answer {
  return [status, { error, message }];
}

function objectOf(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.fromEntries(Object.entries(parsed)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a fake PDS that speaks the XRPC methods Parley publishes with, as the reference PDS answers them:
 * `com.atproto.server.createSession` / `refreshSession` (single-use refresh tokens) / `getSession`,
 * `com.atproto.repo.createRecord` (a TID record key, the post lexicon's limits, a taken key refused) and `getRecord`,
 * and `com.atproto.identity.resolveHandle`. Errors are `{"error": Name, "message": …}`; every answer has the PDS's
 * `ratelimit-*` headers (`ratelimit-reset` in Unix seconds).
 */
export async function startBlueskyPds(options: BlueskyPdsOptions = {}): Promise<BlueskyPds> {
  const handle = options.handle ?? 'northmoorcouncil.bsky.social';
  const did = options.did ?? 'did:plc:northmoorcouncil0000000';
  const appPassword = options.appPassword ?? 'abcd-efgh-ijkl-mnop';
  const ttl = options.accessTokenTtlMs ?? 2 * 60 * 60 * 1000;
  const known = new Map(Object.entries({ ...options.handles, [handle]: did }).map(([h, d]) => [h.toLowerCase(), d]));
  const requests: PdsRequest[] = [];
  const records: StoredRecord[] = [];
  const others: StoredRecord[] = [];
  const access = new Map<string, { expiresAt: number }>();
  const refresh = new Map<string, { used: boolean }>();
  const failures: { nsid: string; status: number; error: string; message: string; left: number; resetInSeconds: number }[] = [];
  const cuts: string[] = [];

  const store = (collection: string, rkey: string, value: Record<string, unknown>): StoredRecord => {
    const cid = `bafyrei${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 52)}`;
    const record = { uri: `at://${did}/${collection}/${rkey}`, cid, collection, rkey, value };
    records.push(record);
    return record;
  };

  const newSession = (): Answer => {
    const accessJwt = `access-${randomBytes(12).toString('hex')}`;
    const refreshJwt = `refresh-${randomBytes(12).toString('hex')}`;
    access.set(accessJwt, { expiresAt: Date.now() + ttl });
    refresh.set(refreshJwt, { used: false });
    return [200, { accessJwt, refreshJwt, handle, did, active: true }];
  };

  /** Checks an access token; undefined when it is good. */
  const refuseAccess = (authorization: string | undefined): Answer | undefined => {
    const token = authorization?.replace(/^Bearer /, '');
    if (token === undefined || token === '') return xrpcError(401, 'AuthenticationRequired', 'Authentication Required');
    if (refresh.has(token)) return xrpcError(400, 'InvalidToken', 'Invalid token type');
    const session = access.get(token);
    if (session === undefined) return xrpcError(401, 'InvalidToken', 'Token could not be verified');
    return session.expiresAt <= Date.now() ? xrpcError(400, 'ExpiredToken', 'Token has expired') : undefined;
  };

  const find = (query: URLSearchParams): StoredRecord | undefined => {
    const repo = query.get('repo');
    if (repo !== did && repo !== handle) return others.find((r) => r.uri === `at://${repo ?? ''}/${query.get('collection') ?? ''}/${query.get('rkey') ?? ''}`);
    return records.find((r) => r.collection === query.get('collection') && r.rkey === query.get('rkey'));
  };

  const createRecord = (input: Record<string, unknown>): Answer => {
    if (input.repo !== did && input.repo !== handle) return xrpcError(400, 'InvalidRequest', 'Invalid repo');
    if (input.collection !== 'app.bsky.feed.post') return xrpcError(400, 'InvalidRequest', `Unknown collection: ${String(input.collection)}`);
    const rkey = input.rkey ?? undefined;
    if (rkey !== undefined && (typeof rkey !== 'string' || !TID.test(rkey))) return xrpcError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record key: must be a TID');
    const value = input.record;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return xrpcError(400, 'InvalidRequest', 'Input/record must be an object');
    const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
    const invalid = validatePost(record);
    if (invalid !== undefined) return xrpcError(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${invalid}`);
    const key = typeof rkey === 'string' ? rkey : nextTid();
    if (records.some((r) => r.collection === input.collection && r.rkey === key)) {
      return options.duplicateKey === 'named-error' ? xrpcError(409, 'RecordAlreadyExists', 'Record already exists') : xrpcError(500, 'InternalServerError', 'Internal Server Error');
    }
    const stored = store(input.collection, key, record);
    return [200, { uri: stored.uri, cid: stored.cid, commit: { cid: stored.cid, rev: nextTid() }, validationStatus: 'valid' }];
  };

  let lastTid = 0n;
  const nextTid = (): string => {
    const now = BigInt(Date.now()) * 1000n;
    lastTid = now > lastTid ? now : lastTid + 1n;
    let value = lastTid << 10n;
    let tid = '';
    for (let i = 0; i < 13; i += 1) {
      tid = '234567abcdefghijklmnopqrstuvwxyz'.charAt(Number(value & 31n)) + tid;
      value >>= 5n;
    }
    return tid;
  };

  const route = (request: IncomingMessage, nsid: string, query: URLSearchParams, body: string): Answer => {
    const method = request.method ?? 'GET';
    const procedure = (): Record<string, unknown> | undefined => (method === 'POST' ? objectOf(body) : undefined);
    switch (nsid) {
      case 'com.atproto.server.createSession': {
        const input = procedure();
        if (input === undefined) return xrpcError(400, 'InvalidRequest', 'Input must be an object');
        const identifier = typeof input.identifier === 'string' ? input.identifier.toLowerCase() : '';
        if ((identifier !== handle && identifier !== did) || input.password !== appPassword) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
        return newSession();
      }
      case 'com.atproto.server.refreshSession': {
        const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (access.has(token)) return xrpcError(400, 'InvalidToken', 'Invalid token type');
        const session = refresh.get(token);
        if (session === undefined) return xrpcError(401, 'InvalidToken', 'Token could not be verified');
        if (session.used) return xrpcError(400, 'ExpiredToken', 'Token has been revoked');
        session.used = true;
        return newSession();
      }
      case 'com.atproto.server.getSession':
        return refuseAccess(request.headers.authorization) ?? [200, { handle, did, active: true }];
      case 'com.atproto.repo.createRecord': {
        const refused = refuseAccess(request.headers.authorization);
        if (refused !== undefined) return refused;
        const input = procedure();
        return input === undefined ? xrpcError(400, 'InvalidRequest', 'Input must be an object') : createRecord(input);
      }
      case 'com.atproto.repo.getRecord': {
        const record = find(query);
        if (record === undefined) return xrpcError(400, 'RecordNotFound', `Could not locate record: at://${query.get('repo') ?? ''}/${query.get('collection') ?? ''}/${query.get('rkey') ?? ''}`);
        return [200, { uri: record.uri, cid: record.cid, value: record.value }];
      }
      case 'com.atproto.identity.resolveHandle': {
        const resolved = known.get((query.get('handle') ?? '').toLowerCase());
        return resolved === undefined ? xrpcError(400, 'InvalidRequest', 'Unable to resolve handle') : [200, { did: resolved }];
      }
      default:
        return xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
    }
  };

  const answer = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const failure = failures.find((f) => f.left > 0 && f.nsid === nsid);
    let reset = Math.ceil(Date.now() / 1000) + RATE_WINDOW_S;
    let result: Answer;
    if (!url.pathname.startsWith('/xrpc/')) result = [404, { error: 'NotFound', message: 'Not Found' }];
    else if (failure !== undefined) {
      failure.left -= 1;
      result = xrpcError(failure.status, failure.error, failure.message);
      if (failure.status === 429) reset = Math.ceil(Date.now() / 1000) + failure.resetInSeconds;
    } else result = route(request, nsid, url.searchParams, body);
    const [status, json, extra] = result;
    const cut = cuts.indexOf(nsid);
    requests.push({ method: request.method ?? 'GET', nsid, status: cut === -1 ? status : 0, body: request.method === 'POST' ? objectOf(body) : undefined });
    if (cut !== -1) {
      cuts.splice(cut, 1);
      request.socket.destroy();
      return;
    }
    const remaining = status === 429 ? 0 : RATE_LIMIT - requests.length;
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'ratelimit-limit': String(RATE_LIMIT), 'ratelimit-remaining': String(Math.max(0, remaining)),
      'ratelimit-reset': String(reset), 'ratelimit-policy': `${RATE_LIMIT};w=${RATE_WINDOW_S}`, ...extra,
    }).end(JSON.stringify(json));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake PDS has no TCP port.');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    handle,
    did,
    appPassword,
    requests,
    records,
    posts: () => records.filter((r) => r.collection === 'app.bsky.feed.post'),
    expireAccessTokens() {
      for (const session of access.values()) session.expiresAt = 0;
    },
    revokeSessions() {
      access.clear();
      refresh.clear();
    },
    failNext(nsid, status, failure = {}) {
      failures.push({
        nsid, status, left: failure.times ?? 1, resetInSeconds: failure.resetInSeconds ?? 60,
        error: failure.error ?? (status === 429 ? 'RateLimitExceeded' : status >= 500 ? 'InternalServerError' : 'InvalidRequest'),
        message: failure.message ?? (status === 429 ? 'Rate Limit Exceeded' : status >= 500 ? 'Internal Server Error' : 'Invalid request'),
      });
    },
    cutAnswerNext(nsid) {
      cuts.push(nsid);
    },
    addRecord: store,
    addOtherPost(otherDid, rkey, value) {
      const cid = `bafyrei${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 52)}`;
      const record = { uri: `at://${otherDid}/app.bsky.feed.post/${rkey}`, cid, collection: 'app.bsky.feed.post', rkey, value };
      others.push(record);
      return record;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
