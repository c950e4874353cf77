import { linkHost, normaliseHandle, normaliseHashtag, normaliseLang } from './field-values.js';
import { tokenise } from './tokenise.js';

/** A post as the matcher takes it. Hashtags, mentions and links written in the text count as well as those listed. */
export interface MatchablePost {
  id: string;
  text: string;
  /** The author's handle (Mastodon `user@instance`, Bluesky handle or DID). */
  author?: string;
  /** A language tag such as "cy" or "en-GB". */
  lang?: string;
  /** mastodon, bluesky, rss or webhook. */
  source?: string;
  links?: string[];
  hashtags?: string[];
  mentions?: string[];
}

/** A post's text with its links left out, and its fields normalised. */
export interface PostFields {
  /** The text with every URL replaced by a space: links are matched with site:, not as words. */
  readonly text: string;
  readonly author: string | undefined;
  readonly lang: string | undefined;
  readonly source: string | undefined;
  readonly hosts: readonly string[];
  readonly hashtags: readonly string[];
  readonly mentions: readonly string[];
}

/** What queries test in a post, read once: its fields and its text tokens. */
export interface PostText extends PostFields {
  readonly tokens: readonly string[];
}

/** Link URLs written in a text. */
export const URLS = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;
/** Hashtags written in a text (not after a letter, digit, '&', '/' or '#', so entities and URL fragments do not count). */
export const HASHTAGS = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]+)/gu;
/** HASHTAGS, tried at one position: reading a text only where it has a '#' is twice as fast as matchAll. */
const HASHTAG_AT = new RegExp(HASHTAGS.source, 'uy');
/** Mentions written in a text, tried at one position (an '@' not after a letter, digit or '_'). */
const MENTION_AT = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/uy;

/** Reads a post: tokenises its text once and normalises its fields. */
export function readPost(post: MatchablePost): PostText {
  const fields = readFields(post);
  return { ...fields, tokens: tokenise(fields.text) };
}

const NONE: readonly string[] = Object.freeze([]);

/** Normalises a post's fields and takes the links out of its text, adding their hosts to those of `links`. */
export function readFields(post: MatchablePost): PostFields {
  let text = post.text;
  // Most posts have no links, hashtags or mentions: they share one empty list, and their text is not searched.
  let hosts = NONE;
  if (post.links !== undefined || text.includes('://')) {
    const found: string[] = [];
    for (const link of post.links ?? []) addHost(found, link);
    text = text.replace(URLS, (url) => {
      addHost(found, url.replace(TRAILING_PUNCTUATION, ''));
      return ' ';
    });
    hosts = found;
  }
  let hashtags = post.hashtags?.map(normaliseHashtag) ?? NONE;
  if (text.includes('#')) {
    const found = [...hashtags];
    for (const tag of matchesAt(text, '#', HASHTAG_AT)) found.push(normaliseHashtag(tag));
    hashtags = found;
  }
  let mentions = post.mentions?.map(normaliseHandle) ?? NONE;
  if (text.includes('@')) {
    const found = [...mentions];
    for (const handle of matchesAt(text, '@', MENTION_AT)) found.push(normaliseHandle(handle.replace(/[.-]+$/, '')));
    mentions = found;
  }
  return {
    text,
    author: post.author === undefined ? undefined : normaliseHandle(post.author),
    lang: post.lang === undefined ? undefined : normaliseLang(post.lang),
    source: post.source?.trim().toLowerCase(),
    hosts,
    hashtags,
    mentions,
  };
}

/** The first group of each match of a sticky pattern that begins with `mark`, tried only where the text has it. */
function matchesAt(text: string, mark: string, pattern: RegExp): string[] {
  const groups: string[] = [];
  for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) continue;
    groups.push(match[1] ?? '');
    at = pattern.lastIndex - 1;
  }
  return groups;
}

function addHost(hosts: string[], link: string): void {
  const host = linkHost(link);
  if (host !== undefined) hosts.push(host);
}
