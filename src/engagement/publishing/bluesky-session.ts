import { z } from 'zod';
import { malformedOutcome } from './answer-outcome.js';
import type { HttpResult } from './http-call.js';
import type { PublishOutcome } from './publisher.js';
import { isTokenError, xrpc, xrpcFailure, type XrpcCall } from './xrpc.js';

/** A signed-in Bluesky session. The tokens are secrets: never log them. */
export interface BlueskySession {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
}

/** How to sign in to a PDS. */
export interface SessionOptions {
  service: URL;
  /** The handle (or DID or email) and an app password, not the account's own password. */
  identifier: string;
  appPassword: string;
  timeoutMs: number;
  now: () => Date;
  /** A session kept from before (a PDS allows few `createSession` calls a day), and where to keep new ones. */
  session?: BlueskySession;
  onSession?: (session: BlueskySession) => void;
  /**
   * The session kept for the account now, which another worker sharing it may have renewed since; undefined when
   * there is none to go on with. Never rejects. Read before renewing, since a refresh token is single-use.
   */
  latestSession?: () => Promise<BlueskySession | undefined>;
}

/**
 * Makes authenticated XRPC calls, signing in when needed and renewing an expired access token: once per call, or a
 * little more often while the sessions other workers kept turn out expired too.
 */
export interface SessionKeeper {
  /** The session, signing in if there is none; or why it cannot be had. */
  session(): Promise<{ ok: true; session: BlueskySession } | { ok: false; outcome: PublishOutcome }>;
  /** An XRPC call with the access token; `answer` is the PDS's answer, after one renewal if the token had expired. */
  call(call: Omit<XrpcCall, 'token'>): Promise<{ ok: true; answer: HttpResult; session: BlueskySession } | { ok: false; outcome: PublishOutcome }>;
}

const sessionSchema = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1), did: z.string().startsWith('did:'), handle: z.string().min(1) });

type Signed = { ok: true; session: BlueskySession } | { ok: false; outcome: PublishOutcome };
/** A session to go on with; `fromPds` when the PDS has just issued it, so that its tokens are as new as they get. */
type Renewed = { ok: true; session: BlueskySession; fromPds: boolean } | { ok: false; outcome: PublishOutcome };

/** How many times one call renews its session at most, however many expired sessions other workers kept. */
const MAX_RENEWALS = 3;
/** How long to wait, after a refresh token turned out used, for the worker that used it to keep the session it got. */
const KEPT_SESSION_WAIT_MS = 300;

const sameSession = (a: BlueskySession, b: BlueskySession): boolean => a.accessJwt === b.accessJwt && a.refreshJwt === b.refreshJwt;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps one session for a channel: `createSession` with the app password, `refreshSession` when the access token
 * expires. Several workers may share the account's kept session (see `latestSession`): a worker whose token expired
 * first looks whether another has renewed it, and goes on with that session rather than using up a refresh token,
 * so that `createSession` (which a PDS allows few times a day) is called only when no kept session will do.
 */
export function createSessionKeeper(options: SessionOptions): SessionKeeper {
  let current = options.session;
  let renewing: Promise<Renewed> | undefined;

  const accept = (result: HttpResult, nsid: string): Renewed => {
    if (result.kind !== 'answer' || result.status !== 200) return { ok: false, outcome: xrpcFailure(options.service, result, options.now()) };
    const read = sessionSchema.safeParse(result.body);
    if (!read.success) return { ok: false, outcome: malformedOutcome(`Bluesky (${options.service.host})`, nsid) };
    current = read.data;
    options.onSession?.(read.data);
    return { ok: true, session: read.data, fromPds: true };
  };

  /** The kept session, when it is not the one this keeper found expired: another worker renewed it. It is kept already. */
  const keptNewer = async (stale: BlueskySession): Promise<Renewed | undefined> => {
    const kept = await options.latestSession?.();
    if (kept === undefined || sameSession(kept, stale)) return undefined;
    current = kept;
    return { ok: true, session: kept, fromPds: false };
  };

  const signIn = async (): Promise<Renewed> => {
    const json = { identifier: options.identifier, password: options.appPassword };
    return accept(await xrpc(options.service, { method: 'POST', nsid: 'com.atproto.server.createSession', json }, options.timeoutMs), 'createSession');
  };

  const refresh = async (stale: BlueskySession): Promise<Renewed> => {
    const kept = await keptNewer(stale);
    if (kept !== undefined) return kept;
    const nsid = 'com.atproto.server.refreshSession';
    const result = await xrpc(options.service, { method: 'POST', nsid, token: stale.refreshJwt }, options.timeoutMs);
    if (!isTokenError(result)) return accept(result, 'refreshSession');
    // A refresh token is single-use and expires too. Another worker may have just used it, and be about to keep the
    // session it got: look once more, a moment later, before signing in again.
    if (options.latestSession !== undefined) {
      await pause(KEPT_SESSION_WAIT_MS);
      const later = await keptNewer(stale);
      if (later !== undefined) return later;
    }
    return signIn();
  };

  /** Renews the session that failed, once, however many calls found it expired at the same time. */
  const renew = (stale: BlueskySession): Promise<Renewed> => {
    if (current !== undefined && !sameSession(current, stale)) return Promise.resolve({ ok: true, session: current, fromPds: false });
    renewing ??= refresh(stale).finally(() => {
      renewing = undefined;
    });
    return renewing;
  };

  const session = async (): Promise<Signed> => {
    if (current !== undefined) return { ok: true, session: current };
    renewing ??= signIn().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };

  return {
    session,
    async call(call) {
      const signed = await session();
      if (!signed.ok) return signed;
      let held = signed.session;
      for (let renewals = 0; ; renewals += 1) {
        const answer = await xrpc(options.service, { ...call, token: held.accessJwt }, options.timeoutMs);
        if (!isTokenError(answer) || renewals === MAX_RENEWALS) return { ok: true, answer, session: held };
        const renewed = await renew(held);
        if (!renewed.ok) return renewed;
        held = renewed.session;
        // A session the PDS has just issued is tried once; one another worker kept may have expired as well, and is renewed in turn.
        if (renewed.fromPds) return { ok: true, answer: await xrpc(options.service, { ...call, token: held.accessJwt }, options.timeoutMs), session: held };
      }
    },
  };
}
