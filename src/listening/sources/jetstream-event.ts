import { z } from 'zod';
import type { MatchablePost } from '../query/index.js';

/** What one Jetstream event gives the matcher: a post, nothing (another kind of event), or a reason it is unusable. */
export type JetstreamReading = { kind: 'post'; post: MatchablePost } | { kind: 'skip' } | { kind: 'invalid'; problem: string };

const POST_COLLECTION = 'app.bsky.feed.post';

const envelope = z.object({ did: z.string().min(1), kind: z.string(), commit: z.unknown().optional() });
const commit = z.object({
  operation: z.string(),
  collection: z.string(),
  rkey: z.string().min(1),
  record: z.unknown().optional(),
});
// Optional parts of a record are read leniently: a malformed facet or tag list loses that part, not the post.
const record = z.object({
  text: z.string(),
  langs: z.array(z.string()).optional().catch(undefined),
  tags: z.array(z.string()).optional().catch(undefined),
  facets: z.array(z.unknown()).optional().catch(undefined),
  embed: z.object({ external: z.object({ uri: z.string() }) }).optional().catch(undefined),
});
const facet = z.object({
  index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(0) }),
  features: z.array(z.unknown()),
});
const feature = z.discriminatedUnion('$type', [
  z.object({ $type: z.literal('app.bsky.richtext.facet#link'), uri: z.string() }),
  z.object({ $type: z.literal('app.bsky.richtext.facet#tag'), tag: z.string() }),
  z.object({ $type: z.literal('app.bsky.richtext.facet#mention'), did: z.string() }),
]);

/**
 * Reads one raw Jetstream event. A commit that creates or updates an app.bsky.feed.post becomes a post: its id is the
 * at:// URI, its author the DID (Jetstream carries no handle), its language the first of `langs`, its links, tags and
 * mentions come from the facets (and the record's tags and link card). The text under a link facet, usually a
 * shortened URL, is left out of the text as URLs are. Every other event is skipped.
 */
export function readJetstreamEvent(event: unknown): JetstreamReading {
  const outer = envelope.safeParse(event);
  if (!outer.success) return { kind: 'invalid', problem: 'not a Jetstream event: it needs "did" and "kind"' };
  if (outer.data.kind !== 'commit') return { kind: 'skip' };
  const change = commit.safeParse(outer.data.commit);
  if (!change.success) return { kind: 'invalid', problem: 'a commit event needs "operation", "collection" and "rkey"' };
  const { operation, collection, rkey } = change.data;
  if (collection !== POST_COLLECTION || (operation !== 'create' && operation !== 'update')) return { kind: 'skip' };
  const body = record.safeParse(change.data.record);
  if (!body.success) return { kind: 'invalid', problem: 'the post record has no "text"' };

  const { text, langs, tags, facets, embed } = body.data;
  const links: string[] = embed ? [embed.external.uri] : [];
  const hashtags: string[] = [...(tags ?? [])];
  const mentions: string[] = [];
  const linkRanges: ByteRange[] = [];
  for (const item of facets ?? []) {
    const parsed = facet.safeParse(item);
    if (!parsed.success) continue;
    for (const f of parsed.data.features) {
      const read = feature.safeParse(f);
      if (!read.success) continue;
      const value = read.data;
      if (value.$type === 'app.bsky.richtext.facet#link') {
        links.push(value.uri);
        linkRanges.push({ start: parsed.data.index.byteStart, end: parsed.data.index.byteEnd });
      } else if (value.$type === 'app.bsky.richtext.facet#tag') hashtags.push(value.tag);
      else mentions.push(value.did);
    }
  }
  const lang = langs?.[0];
  return {
    kind: 'post',
    post: {
      id: `at://${outer.data.did}/${POST_COLLECTION}/${rkey}`,
      text: blankByteRanges(text, linkRanges),
      author: outer.data.did,
      source: 'bluesky',
      ...(lang === undefined ? {} : { lang }),
      links,
      hashtags,
      mentions,
    },
  };
}

interface ByteRange {
  start: number;
  end: number;
}

/** Replaces each UTF-8 byte range with a space; ranges that are out of bounds, overlap or split a character are ignored. */
function blankByteRanges(text: string, ranges: readonly ByteRange[]): string {
  if (ranges.length === 0) return text;
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const startsCharacter = (at: number) => at === bytes.length || ((bytes[at] ?? 0) & 0xc0) !== 0x80;
  let out = '';
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start || end > bytes.length || !startsCharacter(start) || !startsCharacter(end)) continue;
    out += `${decoder.decode(bytes.subarray(at, start))} `;
    at = end;
  }
  return out + decoder.decode(bytes.subarray(at));
}
