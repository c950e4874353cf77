// A seeded generator of Jetstream events and watches for `npm run bench -- ingest`. The same seed always gives the
// same files: the posts of the match benchmark's corpus as Bluesky would send them (app.bsky.feed.post commits with
// facets for links, tags and mentions, languages, some replies and link cards, each author a did:plc), with deletes
// and edits of earlier posts, identity and account events and a few unreadable messages between them, 20 ms apart on
// average; and watches in the match benchmark's mix, chosen so that about 2% of the posts match at least one.
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { toMatchablePost } from '../../src/listening/ingest/ingest-batch.js';
import { createMatcher, type MatchablePost } from '../../src/listening/query/index.js';
import { readJetstreamMessage } from '../../src/listening/sources/bluesky/jetstream-change.js';
import { accountEvent, deleteEvent, didFor, identityEvent, postEvent, tid } from '../../src/listening/sources/bluesky/jetstream-fixtures.js';
import { generatePosts, generateWatches, type WatchText } from './match-corpus.js';
import { Random } from './random.js';

/** The share of posts the chosen watches match in the sample they are chosen on. */
const TARGET_MATCH_RATE = 0.02;
/** Posts the watches are chosen on. */
const SAMPLE = 50_000;
/** Candidate watches per watch wanted. */
const CANDIDATES = 4;

interface Written {
  did: string;
  rkey: string;
  text: string;
  lang: string;
}

/** Writes `count` events: each post once, and other events between. */
function generateEvents(count: number, seed: number): string[] {
  const random = new Random(seed);
  const posts = generatePosts(count, seed);
  const recent: Written[] = [];
  const lines: string[] = [];
  let timeUs = Date.UTC(2025, 5, 2, 9) * 1000;
  let next = 0;
  while (lines.length < count) {
    timeUs += random.int(1_000, 39_000);
    const roll = random.next();
    const earlier = recent.length > 0 ? recent[random.int(0, recent.length - 1)] : undefined;
    if (roll < 0.0002) lines.push(`{"did":"${didFor('broken')}","time_us":${timeUs},"kind":"commit","commit":{"rev":"${tid(timeUs)}","operation":"cre`);
    else if (roll < 0.01) lines.push(JSON.stringify(identityEvent(didFor(`someone${random.int(0, 50_000)}`), `someone${random.int(0, 50_000)}.bsky.social`, timeUs)));
    else if (roll < 0.015) lines.push(JSON.stringify(accountEvent(didFor(`someone${random.int(0, 50_000)}`), timeUs, random.chance(0.5) ? undefined : 'deactivated')));
    else if (roll < 0.045 && earlier !== undefined) lines.push(JSON.stringify(deleteEvent(earlier.did, earlier.rkey, timeUs)));
    else if (roll < 0.05 && earlier !== undefined) {
      lines.push(JSON.stringify(postEvent({ did: earlier.did, rkey: earlier.rkey, timeUs, text: `${earlier.text} (edited)`, langs: [earlier.lang], operation: 'update' })));
    } else {
      const post = posts[next % posts.length];
      next += 1;
      if (post === undefined) continue;
      const did = didFor(post.author ?? 'anonymous');
      const rkey = tid(timeUs, random.int(0, 1023));
      const lang = post.lang ?? 'en';
      const link = /https:\/\/\S+/.exec(post.text)?.[0];
      const replyTo = earlier !== undefined && random.chance(0.3) ? `at://${earlier.did}/app.bsky.feed.post/${earlier.rkey}` : undefined;
      lines.push(JSON.stringify(postEvent({ did, rkey, timeUs, text: post.text, langs: [lang], replyTo, embedUri: link !== undefined && random.chance(0.5) ? link : undefined })));
      recent.push({ did, rkey, text: post.text, lang });
      if (recent.length > 5_000) recent.splice(0, 1_000);
    }
  }
  return lines;
}

/** The posts the pipeline would match, read from the first `limit` lines as the pipeline reads them. */
function matchablePosts(lines: readonly string[], limit: number): MatchablePost[] {
  const posts: MatchablePost[] = [];
  for (const line of lines.slice(0, limit)) {
    const change = readJetstreamMessage(line);
    if (change.kind === 'mention') posts.push(toMatchablePost(`p${posts.length}`, change.mention));
  }
  return posts;
}

/**
 * Chooses `count` watches among candidates in the match benchmark's mix, in their order, skipping any that would take
 * the share of sample posts matched above the target.
 */
function chooseWatches(posts: readonly MatchablePost[], count: number, seed: number): WatchText[] {
  const candidates = generateWatches(count * CANDIDATES, seed);
  const matcher = createMatcher();
  for (const { id, query } of candidates) matcher.set(id, query);
  const hits = new Map<string, number[]>();
  posts.forEach((post, index) => {
    for (const id of matcher.match(post)) {
      const list = hits.get(id);
      if (list === undefined) hits.set(id, [index]);
      else list.push(index);
    }
  });
  const covered = new Set<number>();
  const limit = Math.round(posts.length * TARGET_MATCH_RATE);
  const chosen: WatchText[] = [];
  for (const candidate of candidates) {
    if (chosen.length === count) break;
    const fresh = (hits.get(candidate.id) ?? []).filter((index) => !covered.has(index));
    if (covered.size + fresh.length > limit) continue;
    for (const index of fresh) covered.add(index);
    chosen.push({ id: `watch-${chosen.length + 1}`, query: candidate.query });
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} of ${count} watches fit the match rate`);
  return chosen;
}

/** Writes the events and watches to bench/data/ unless they are there already; returns the two file paths. */
export function ensureIngestCorpus(events: number, watches: number, seed: number): { eventsFile: string; watchesFile: string } {
  const dir = join('bench', 'data');
  mkdirSync(dir, { recursive: true });
  const eventsFile = join(dir, `ingest-events-${seed}-${events}.ndjson`);
  const watchesFile = join(dir, `ingest-watches-${seed}-${events}-${watches}.json`);
  if (existsSync(eventsFile) && existsSync(watchesFile)) return { eventsFile, watchesFile };
  const lines = generateEvents(events, seed);
  const chosen = chooseWatches(matchablePosts(lines, SAMPLE), watches, seed + 1);
  const file = openSync(`${eventsFile}.part`, 'w');
  for (let i = 0; i < lines.length; i += 10_000) writeSync(file, lines.slice(i, i + 10_000).map((line) => `${line}\n`).join(''));
  closeSync(file);
  renameSync(`${eventsFile}.part`, eventsFile);
  writeFileSync(watchesFile, JSON.stringify(chosen, null, 1));
  return { eventsFile, watchesFile };
}

/** The lines of an NDJSON file, read as a stream. */
export function readLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}
