// Jetstream events in the format the service sends, for tests, the fake server and the ingest benchmark.
import { createHash } from 'node:crypto';
import { POST_COLLECTION } from './jetstream-change.js';

/** A commit to a repository: a record created, updated or deleted. */
export interface JetstreamCommitEvent {
  did: string;
  time_us: number;
  kind: 'commit';
  commit: { rev: string; operation: 'create' | 'update' | 'delete'; collection: string; rkey: string; record?: Record<string, unknown>; cid?: string };
}

/** A handle change. */
export interface JetstreamIdentityEvent {
  did: string;
  time_us: number;
  kind: 'identity';
  identity: { did: string; handle: string; seq: number; time: string };
}

/** An account activated, deactivated, taken down or deleted. */
export interface JetstreamAccountEvent {
  did: string;
  time_us: number;
  kind: 'account';
  account: { active: boolean; did: string; seq: number; time: string; status?: string };
}

/** One event as Jetstream sends it. */
export type JetstreamEvent = JetstreamCommitEvent | JetstreamIdentityEvent | JetstreamAccountEvent;

/** A facet: a UTF-8 byte range of the text and what it is. */
export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: ({ $type: 'app.bsky.richtext.facet#link'; uri: string } | { $type: 'app.bsky.richtext.facet#tag'; tag: string } | { $type: 'app.bsky.richtext.facet#mention'; did: string })[];
}

/** What a test says about a post. */
export interface PostSpec {
  did: string;
  timeUs: number;
  /** Written as a person types it: full https:// links, #tags and @handles become facets as the Bluesky app makes them. */
  text: string;
  /** A TID from the time when absent. */
  rkey?: string;
  langs?: string[];
  /** Half a second before the event when absent. */
  createdAt?: string;
  /** The at:// URI of the post it answers. */
  replyTo?: string;
  /** A link card. */
  embedUri?: string;
  operation?: 'create' | 'update';
}

const SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
let sequence = 1_000_000;

/** A record key in the TID format: the time in µs and a clock id, 13 characters of sortable base32. */
export function tid(timeUs: number, clock = 0): string {
  const value = (BigInt(timeUs) << 10n) | BigInt(clock & 1023);
  let out = '';
  for (let i = 12; i >= 0; i -= 1) out += SORTABLE.charAt(Number((value >> BigInt(5 * i)) & 31n));
  return out;
}

function base32(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i += 1) out += BASE32.charAt((digest[i % digest.length] ?? 0) & 31);
  return out;
}

/** A did:plc for a name, always the same for the same name. */
export function didFor(name: string): string {
  return `did:plc:${base32(name, 24)}`;
}

const WRITTEN = /(https?:\/\/[^\s]+)|(?<![\p{L}\p{N}_])#([\p{L}\p{N}_]+)|(?<![\p{L}\p{N}_])@([\p{L}\p{N}][\p{L}\p{N}_.-]*[\p{L}\p{N}])/gu;

/** Text as the Bluesky app posts it: links shortened in the text with the full URI in a facet, tags and mentions faceted. */
export function richText(written: string): { text: string; facets: Facet[] } {
  let text = '';
  let bytes = 0;
  let at = 0;
  const facets: Facet[] = [];
  const append = (part: string) => {
    text += part;
    bytes += Buffer.byteLength(part);
  };
  for (const found of written.matchAll(WRITTEN)) {
    const [whole, link, tag, handle] = found;
    append(written.slice(at, found.index));
    at = found.index + whole.length;
    const uri = link?.replace(/[.,;:!?)]+$/, '');
    const shown = uri === undefined ? whole : shortened(uri);
    const byteStart = bytes;
    append(shown);
    const index = { byteStart, byteEnd: bytes };
    if (uri !== undefined) {
      facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri }] });
      append(whole.slice(uri.length));
    } else if (tag !== undefined) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag }] });
    else if (handle !== undefined) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did: didFor(handle) }] });
  }
  append(written.slice(at));
  return { text, facets };
}

function shortened(uri: string): string {
  const shown = uri.replace(/^https?:\/\//, '');
  return shown.length > 28 ? `${shown.slice(0, 25)}...` : shown;
}

/** A post created (or updated) as Jetstream sends it. */
export function postEvent(spec: PostSpec): JetstreamCommitEvent {
  const rkey = spec.rkey ?? tid(spec.timeUs);
  const { text, facets } = richText(spec.text);
  const record: Record<string, unknown> = {
    $type: POST_COLLECTION,
    createdAt: spec.createdAt ?? new Date(Math.floor(spec.timeUs / 1000) - 500).toISOString(),
    text,
    ...(spec.langs === undefined ? {} : { langs: spec.langs }),
    ...(facets.length > 0 ? { facets } : {}),
    ...(spec.replyTo === undefined ? {} : { reply: { root: { uri: spec.replyTo, cid: cidFor(spec.replyTo) }, parent: { uri: spec.replyTo, cid: cidFor(spec.replyTo) } } }),
    ...(spec.embedUri === undefined ? {} : { embed: { $type: 'app.bsky.embed.external', external: { uri: spec.embedUri, title: '', description: '' } } }),
  };
  return {
    did: spec.did,
    time_us: spec.timeUs,
    kind: 'commit',
    commit: { rev: tid(spec.timeUs, 1), operation: spec.operation ?? 'create', collection: POST_COLLECTION, rkey, record, cid: cidFor(`${spec.did}/${rkey}/${spec.timeUs}`) },
  };
}

/** A post deleted. */
export function deleteEvent(did: string, rkey: string, timeUs: number): JetstreamCommitEvent {
  return { did, time_us: timeUs, kind: 'commit', commit: { rev: tid(timeUs, 1), operation: 'delete', collection: POST_COLLECTION, rkey } };
}

/** A like: a commit to another collection. */
export function likeEvent(did: string, subject: string, timeUs: number): JetstreamCommitEvent {
  const record = { $type: 'app.bsky.feed.like', createdAt: new Date(Math.floor(timeUs / 1000)).toISOString(), subject: { uri: subject, cid: cidFor(subject) } };
  return { did, time_us: timeUs, kind: 'commit', commit: { rev: tid(timeUs, 1), operation: 'create', collection: 'app.bsky.feed.like', rkey: tid(timeUs, 2), record, cid: cidFor(`${did}${timeUs}`) } };
}

/** A handle change. */
export function identityEvent(did: string, handle: string, timeUs: number): JetstreamIdentityEvent {
  sequence += 1;
  return { did, time_us: timeUs, kind: 'identity', identity: { did, handle, seq: sequence, time: new Date(Math.floor(timeUs / 1000)).toISOString() } };
}

/** An account event: active, or not with a status such as "deleted" or "takendown". */
export function accountEvent(did: string, timeUs: number, status?: string): JetstreamAccountEvent {
  sequence += 1;
  const time = new Date(Math.floor(timeUs / 1000)).toISOString();
  return { did, time_us: timeUs, kind: 'account', account: { active: status === undefined, did, seq: sequence, time, ...(status === undefined ? {} : { status }) } };
}

function cidFor(seed: string): string {
  return `bafyrei${base32(seed, 52)}`;
}
