import { trimUrl } from './text-length.js';

/** A byte range of a post's text, in UTF-8 bytes as Bluesky counts them: start included, end excluded. */
export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

/** Something in a text that can become a facet; mentions still need their handle resolved to a DID. */
export type FacetCandidate =
  | { kind: 'link'; uri: string; index: ByteSlice }
  | { kind: 'mention'; handle: string; index: ByteSlice }
  | { kind: 'tag'; tag: string; index: ByteSlice };

/** `app.bsky.richtext.facet`: a byte range and what it is. */
export interface Facet {
  $type: 'app.bsky.richtext.facet';
  index: ByteSlice;
  features: (
    | { $type: 'app.bsky.richtext.facet#link'; uri: string }
    | { $type: 'app.bsky.richtext.facet#mention'; did: string }
    | { $type: 'app.bsky.richtext.facet#tag'; tag: string }
  )[];
}

// The patterns of Bluesky's own client (RichText.detectFacets), except that only links written with http(s):// are
// linked: recognising bare domains needs the list of top-level domains, and Mastodon does not link them either.
const URL = /(^|\s|\()(https?:\/\/\S+)/giu;
const MENTION = /(^|\s|\()@([a-zA-Z0-9.-]+)\b/gu;
// Bluesky's client excludes soft hyphens, zero-width characters and U+20E2; format characters (Cf) and enclosing marks (Me) cover them.
const INVISIBLE = String.raw`\p{Cf}\p{Me}`;
const TAG = new RegExp(String.raw`(^|\s)[#＃]((?!\ufe0f)[^\s${INVISIBLE}]*[^\d\s\p{P}${INVISIBLE}]+[^\s${INVISIBLE}]*)`, 'gu');
const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const MAX_TAG_LENGTH = 64;

function slice(text: string, start: number, length: number): ByteSlice {
  const byteStart = Buffer.byteLength(text.slice(0, start), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(text.slice(start, start + length), 'utf8') };
}

/** Finds the links (`https://…`), mentions (`@handle.example`) and hashtags (`#tag`) of a text, in text order. */
export function findFacetCandidates(text: string): FacetCandidate[] {
  const found: FacetCandidate[] = [];
  for (const match of text.matchAll(URL)) {
    const [, before = '', raw = ''] = match;
    const uri = trimUrl(raw);
    if (uri.length > 'https://'.length) found.push({ kind: 'link', uri, index: slice(text, match.index + before.length, uri.length) });
  }
  for (const match of text.matchAll(MENTION)) {
    const [, before = '', handle = ''] = match;
    if (HANDLE.test(handle)) found.push({ kind: 'mention', handle: handle.toLowerCase(), index: slice(text, match.index + before.length, handle.length + 1) });
  }
  for (const match of text.matchAll(TAG)) {
    const [, before = '', raw = ''] = match;
    const tag = raw.replace(/\p{P}+$/u, '');
    if (tag !== '' && tag.length <= MAX_TAG_LENGTH) found.push({ kind: 'tag', tag, index: slice(text, match.index + before.length, tag.length + 1) });
  }
  return found.sort((a, b) => a.index.byteStart - b.index.byteStart);
}

/** The facet of a link or tag, or of a mention whose DID is known. */
export function facetOf(candidate: FacetCandidate, did?: string): Facet | undefined {
  const facet = (feature: Facet['features'][number]): Facet => ({ $type: 'app.bsky.richtext.facet', index: candidate.index, features: [feature] });
  switch (candidate.kind) {
    case 'link':
      return facet({ $type: 'app.bsky.richtext.facet#link', uri: candidate.uri });
    case 'tag':
      return facet({ $type: 'app.bsky.richtext.facet#tag', tag: candidate.tag });
    case 'mention':
      return did === undefined ? undefined : facet({ $type: 'app.bsky.richtext.facet#mention', did });
  }
}
