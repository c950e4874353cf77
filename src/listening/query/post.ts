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
const MENTIONS = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/** Reads a post: tokenises its text once and normalises its fields. */
export function readPost(post: MatchablePost): PostText {
  const fields = readFields(post);
  return { ...fields, tokens: tokenise(fields.text) };
}

/** Normalises a post's fields and takes the links out of its text, adding their hosts to those of `links`. */
export function readFields(post: MatchablePost): PostFields {
  let text = post.text;
  const hosts: string[] = [];
  for (const link of post.links ?? []) addHost(hosts, link);
  if (text.includes('://')) {
    text = text.replace(URLS, (url) => {
      addHost(hosts, url.replace(TRAILING_PUNCTUATION, ''));
      return ' ';
    });
  }
  const hashtags = (post.hashtags ?? []).map(normaliseHashtag);
  if (text.includes('#')) for (const found of text.matchAll(HASHTAGS)) hashtags.push(normaliseHashtag(found[1] ?? ''));
  const mentions = (post.mentions ?? []).map(normaliseHandle);
  if (text.includes('@')) {
    for (const found of text.matchAll(MENTIONS)) mentions.push(normaliseHandle((found[1] ?? '').replace(/[.-]+$/, '')));
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

function addHost(hosts: string[], link: string): void {
  const host = linkHost(link);
  if (host !== undefined) hosts.push(host);
}
