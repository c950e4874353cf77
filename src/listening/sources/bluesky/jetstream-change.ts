import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { readJetstreamEvent } from '../jetstream-event.js';

/** The collection Parley subscribes to: Bluesky posts. */
export const POST_COLLECTION = 'app.bsky.feed.post';

/**
 * What one Jetstream message means to the pipeline, with its `time_us` (the stream's cursor): a post created or
 * changed, a post deleted, an event that is not about posts, or one that cannot be read (its time is null when the
 * message has no usable `time_us`, and then it does not move the cursor).
 */
export type JetstreamChange =
  | { kind: 'mention'; timeUs: number; mention: IncomingMention }
  | { kind: 'deletion'; timeUs: number; externalId: string }
  | { kind: 'skip'; timeUs: number }
  | { kind: 'invalid'; timeUs: number | null; problem: string };

/** The at:// URI of a post: its id on Bluesky and its external id in Parley. */
export function postUri(did: string, rkey: string): string {
  return `at://${did}/${POST_COLLECTION}/${rkey}`;
}

/** Reads one Jetstream text message. */
export function readJetstreamMessage(text: string): JetstreamChange {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return { kind: 'invalid', timeUs: null, problem: 'not JSON' };
  }
  return readJetstreamChange(event);
}

/**
 * Reads one Jetstream event. A post created or updated becomes a mention (see readJetstreamEvent for its text, links,
 * hashtags and mentions): its URL the post's page on bsky.app, its author the DID, its time the record's `createdAt`
 * unless that is later than the event (Bluesky's own rule against posts dated in the future) or unreadable, its reply the parent's
 * URI. A post deleted becomes a deletion of the same URI. Every other event is skipped.
 */
export function readJetstreamChange(event: unknown): JetstreamChange {
  if (!isObject(event)) return { kind: 'invalid', timeUs: null, problem: 'not a Jetstream event: a JSON object is expected' };
  const timeUs = event.time_us;
  if (typeof timeUs !== 'number' || !Number.isSafeInteger(timeUs) || timeUs <= 0) {
    return { kind: 'invalid', timeUs: null, problem: 'the event has no "time_us"' };
  }
  const commit = isObject(event.commit) ? event.commit : {};
  const { did } = event;
  const { rkey } = commit;
  if (event.kind === 'commit' && commit.operation === 'delete' && commit.collection === POST_COLLECTION && typeof did === 'string' && did !== '' && typeof rkey === 'string' && rkey !== '') {
    return { kind: 'deletion', timeUs, externalId: postUri(did, rkey) };
  }
  const reading = readJetstreamEvent(event);
  if (reading.kind === 'skip') return { kind: 'skip', timeUs };
  if (reading.kind === 'invalid') return { kind: 'invalid', timeUs, problem: reading.problem };
  const { post } = reading;
  const record = isObject(commit.record) ? commit.record : {};
  const author = post.author ?? '';
  return {
    kind: 'mention',
    timeUs,
    mention: {
      sourceKind: 'bluesky',
      externalId: post.id,
      url: typeof rkey === 'string' ? `https://bsky.app/profile/${author}/post/${rkey}` : null,
      authorHandle: author,
      authorName: null,
      text: post.text,
      declaredLanguage: post.lang ?? null,
      createdAt: postTime(record.createdAt, timeUs),
      links: post.links ?? [],
      hashtags: post.hashtags ?? [],
      mentions: post.mentions ?? [],
      replyTo: parentUri(record.reply),
    },
  };
}

/** The earlier of the record's own time and the event's; the event's when the record's is unreadable or before 1970. */
function postTime(createdAt: unknown, timeUs: number): string {
  const eventMs = Math.floor(timeUs / 1000);
  const declared = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  return new Date(Number.isNaN(declared) || declared < 0 ? eventMs : Math.min(declared, eventMs)).toISOString();
}

function parentUri(reply: unknown): string | null {
  if (!isObject(reply) || !isObject(reply.parent)) return null;
  const { uri } = reply.parent;
  return typeof uri === 'string' && uri !== '' ? uri : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
