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
}

/** Makes authenticated XRPC calls, signing in when needed and renewing an expired access token once per call. */
export interface SessionKeeper {
  /** The session, signing in if there is none; or why it cannot be had. */
  session(): Promise<{ ok: true; session: BlueskySession } | { ok: false; outcome: PublishOutcome }>;
  /** An XRPC call with the access token; `answer` is the PDS's answer, after one renewal if the token had expired. */
  call(call: Omit<XrpcCall, 'token'>): Promise<{ ok: true; answer: HttpResult; session: BlueskySession } | { ok: false; outcome: PublishOutcome }>;
}

const sessionSchema = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1), did: z.string().startsWith('did:'), handle: z.string().min(1) });

type Signed = { ok: true; session: BlueskySession } | { ok: false; outcome: PublishOutcome };

/** Keeps one session for a channel: `createSession` with the app password, `refreshSession` when the access token expires. */
export function createSessionKeeper(options: SessionOptions): SessionKeeper {
  let current = options.session;
  let renewing: Promise<Signed> | undefined;

  const accept = (result: HttpResult, nsid: string): Signed => {
    if (result.kind !== 'answer' || result.status !== 200) return { ok: false, outcome: xrpcFailure(options.service, result, options.now()) };
    const read = sessionSchema.safeParse(result.body);
    if (!read.success) return { ok: false, outcome: malformedOutcome(`Bluesky (${options.service.host})`, nsid) };
    current = read.data;
    options.onSession?.(read.data);
    return { ok: true, session: read.data };
  };

  const signIn = async (): Promise<Signed> => {
    const json = { identifier: options.identifier, password: options.appPassword };
    return accept(await xrpc(options.service, { method: 'POST', nsid: 'com.atproto.server.createSession', json }, options.timeoutMs), 'createSession');
  };

  const refresh = async (stale: BlueskySession): Promise<Signed> => {
    const nsid = 'com.atproto.server.refreshSession';
    const result = await xrpc(options.service, { method: 'POST', nsid, token: stale.refreshJwt }, options.timeoutMs);
    // A refresh token is single-use and expires too; then only signing in again helps.
    if (isTokenError(result)) return signIn();
    return accept(result, 'refreshSession');
  };

  /** Renews the session that failed, once, however many calls found it expired at the same time. */
  const renew = (stale: BlueskySession): Promise<Signed> => {
    if (current !== undefined && current !== stale) return Promise.resolve({ ok: true, session: current });
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
      const answer = await xrpc(options.service, { ...call, token: signed.session.accessJwt }, options.timeoutMs);
      if (!isTokenError(answer)) return { ok: true, answer, session: signed.session };
      const renewed = await renew(signed.session);
      if (!renewed.ok) return renewed;
      return { ok: true, answer: await xrpc(options.service, { ...call, token: renewed.session.accessJwt }, options.timeoutMs), session: renewed.session };
    },
  };
}
