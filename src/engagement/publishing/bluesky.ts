import { z } from 'zod';
import { failedCheck, malformedOutcome } from './answer-outcome.js';
import { facetOf, findFacetCandidates, type Facet } from './bluesky-facets.js';
import { createSessionKeeper, type BlueskySession } from './bluesky-session.js';
import type { HttpResult } from './http-call.js';
import { languageCode, type AccountCheck, type PublishOutcome, type PublishRequest, type Publisher } from './publisher.js';
import { BLUESKY_MAX_GRAPHEMES } from './text-length.js';
import { tidForReply } from './tid.js';
import { xrpc, xrpcError, xrpcFailure } from './xrpc.js';

export type { BlueskySession } from './bluesky-session.js';

/** A Bluesky channel: its PDS, its handle and an app password. */
export interface BlueskyPublisherOptions {
  /** The PDS (or the bsky.social entryway, which forwards to it). Default `https://bsky.social`. */
  serviceUrl?: string;
  identifier: string;
  appPassword: string;
  /** One request, answer included, is abandoned after this. Default 30 s. */
  timeoutMs?: number;
  now?: () => Date;
  /** A session kept from before, and where to keep renewed ones (encrypted, like the app password). */
  session?: BlueskySession;
  onSession?: (session: BlueskySession) => void;
  /** The session kept now, read again before renewing an expired one: other workers may share it (see createSessionKeeper). */
  latestSession?: () => Promise<BlueskySession | undefined>;
}

const COLLECTION = 'app.bsky.feed.post';
const createdSchema = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1) });
const recordSchema = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1), value: z.object({ text: z.string(), createdAt: z.string().optional() }) });
const resolvedSchema = z.object({ did: z.string().startsWith('did:') });
const sessionInfoSchema = z.object({ handle: z.string().min(1), did: z.string().startsWith('did:') });

type Lookup = { kind: 'found'; outcome: PublishOutcome } | { kind: 'absent' } | { kind: 'unknown'; outcome: PublishOutcome };

/**
 * Publishes to Bluesky: `com.atproto.repo.createRecord` of an `app.bsky.feed.post` whose record key is derived from
 * the reply's id (see `tidForReply`), so that the PDS can hold at most one post per reply whenever it is retried.
 *
 * A create under a key already taken fails: the reference PDS answers 500 InternalServerError (bluesky-social/atproto
 * #3718, indigo #873), newer ones a named error (atproto PR #4728). So after any refused or unanswered create,
 * Parley reads the record under that key, and reports it published when its text is the reply's.
 */
export function createBlueskyPublisher(options: BlueskyPublisherOptions): Publisher {
  const service = new URL(options.serviceUrl ?? 'https://bsky.social');
  const who = `Bluesky (${service.host})`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const keeper = createSessionKeeper({ service, identifier: options.identifier, appPassword: options.appPassword, timeoutMs, now, session: options.session, onSession: options.onSession, latestSession: options.latestSession });

  const postUrl = (handle: string, rkey: string): string => `https://bsky.app/profile/${handle}/post/${rkey}`;

  const lookUp = async (session: BlueskySession, rkey: string, text: string): Promise<Lookup> => {
    const query = { repo: session.did, collection: COLLECTION, rkey };
    const result = await xrpc(service, { method: 'GET', nsid: 'com.atproto.repo.getRecord', query }, timeoutMs);
    if (result.kind === 'answer' && result.status === 400 && xrpcError(result).error === 'RecordNotFound') return { kind: 'absent' };
    if (result.kind !== 'answer' || result.status !== 200) return { kind: 'unknown', outcome: xrpcFailure(service, result, now()) };
    const read = recordSchema.safeParse(result.body);
    if (!read.success) return { kind: 'unknown', outcome: malformedOutcome(who, 'getRecord') };
    if (read.data.value.text !== text) {
      return { kind: 'found', outcome: { kind: 'failed', message: `${who} already holds a different post under this reply’s record key ${rkey}.`, credentialsProblem: false } };
    }
    const created = Date.parse(read.data.value.createdAt ?? '');
    const publishedAt = (Number.isNaN(created) ? now() : new Date(created)).toISOString();
    return { kind: 'found', outcome: published(session, rkey, read.data.uri, read.data.cid, publishedAt) };
  };

  const published = (session: BlueskySession, rkey: string, uri: string, cid: string, publishedAt: string): PublishOutcome => ({
    kind: 'published', url: postUrl(session.handle, rkey), platformId: uri, publishedAt, ref: { platform: 'bluesky', uri, cid },
  });

  /** The text's facets; mentions of handles that do not resolve stay plain text. */
  const facets = async (text: string): Promise<{ ok: true; facets: Facet[] } | { ok: false; outcome: PublishOutcome }> => {
    const found: Facet[] = [];
    for (const candidate of findFacetCandidates(text)) {
      let did: string | undefined;
      if (candidate.kind === 'mention') {
        const result = await xrpc(service, { method: 'GET', nsid: 'com.atproto.identity.resolveHandle', query: { handle: candidate.handle } }, timeoutMs);
        const read = result.kind === 'answer' && result.status === 200 ? resolvedSchema.safeParse(result.body) : undefined;
        if (read?.success === true) did = read.data.did;
        else if (result.kind !== 'answer' || result.status !== 400) return { ok: false, outcome: xrpcFailure(service, result, now()) };
      }
      const facet = facetOf(candidate, did);
      if (facet !== undefined) found.push(facet);
    }
    return { ok: true, facets: found };
  };

  const rkeyOf = (request: PublishRequest): string | undefined => {
    try {
      return tidForReply(request.replyId, request.createdAt);
    } catch {
      return undefined;
    }
  };

  return {
    platform: 'bluesky',

    async publish(request) {
      const target = request.inReplyTo;
      if (target !== undefined && target.platform !== 'bluesky') return { kind: 'failed', message: 'A Bluesky channel cannot reply to a Mastodon post.', credentialsProblem: false };
      const rkey = rkeyOf(request);
      if (rkey === undefined) return { kind: 'failed', message: `The reply’s creation time “${request.createdAt}” is not a date.`, credentialsProblem: false };
      const signed = await keeper.session();
      if (!signed.ok) return signed.outcome;
      const found = await facets(request.text);
      if (!found.ok) return found.outcome;
      const language = languageCode(request);
      const createdAt = now().toISOString();
      const record = {
        $type: COLLECTION,
        text: request.text,
        createdAt,
        ...(language === undefined ? {} : { langs: [language] }),
        ...(target === undefined ? {} : { reply: { root: target.root ?? { uri: target.uri, cid: target.cid }, parent: { uri: target.uri, cid: target.cid } } }),
        ...(found.facets.length === 0 ? {} : { facets: found.facets }),
      };
      const call = await keeper.call({ method: 'POST', nsid: 'com.atproto.repo.createRecord', json: { repo: signed.session.did, collection: COLLECTION, rkey, record } });
      if (!call.ok) return call.outcome;
      const { answer, session } = call;
      if (answer.kind === 'answer' && answer.status === 200) {
        const read = createdSchema.safeParse(answer.body);
        if (read.success) return published(session, rkey, read.data.uri, read.data.cid, createdAt);
      }
      const refusal = xrpcFailure(service, answer, now());
      if (mayHaveBeenCreated(answer, refusal)) {
        const lookup = await lookUp(session, rkey, request.text);
        if (lookup.kind === 'found') return lookup.outcome;
        if (lookup.kind === 'unknown') return refusal.kind === 'failed' ? lookup.outcome : refusal;
      }
      return answer.kind === 'answer' && answer.status === 200 ? malformedOutcome(who, 'createRecord') : refusal;
    },

    async findPublished(request) {
      const rkey = rkeyOf(request);
      if (rkey === undefined) return undefined;
      const signed = await keeper.session();
      if (!signed.ok) return signed.outcome;
      const lookup = await lookUp(signed.session, rkey, request.text);
      return lookup.kind === 'absent' ? undefined : lookup.outcome;
    },

    async checkAccount(): Promise<AccountCheck> {
      const call = await keeper.call({ method: 'GET', nsid: 'com.atproto.server.getSession' });
      if (!call.ok) return failedCheck(call.outcome);
      if (call.answer.kind !== 'answer' || call.answer.status !== 200) return failedCheck(xrpcFailure(service, call.answer, now()));
      const read = sessionInfoSchema.safeParse(call.answer.body);
      if (!read.success) return { ok: false, message: `${who} answered getSession with something Parley cannot read.`, credentialsProblem: false };
      return { ok: true, handle: `@${read.data.handle}`, maxCharacters: BLUESKY_MAX_GRAPHEMES };
    },
  };
}

/** Whether a create that did not succeed may still have left a record: anything but refused credentials or a rate limit. */
function mayHaveBeenCreated(answer: HttpResult, refusal: PublishOutcome): boolean {
  if (refusal.kind === 'failed' && refusal.credentialsProblem) return false;
  return answer.kind === 'unreachable' || answer.status !== 429;
}
