import type { PlatformName } from './publisher.js';

/** What Bluesky allows in a post's text (`app.bsky.feed.post`: maxGraphemes 300, maxLength 3000 bytes). */
export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;
/** What a Mastodon instance allows when its `/api/v2/instance` does not say. */
export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
/** What any link counts for on Mastodon, however long (`characters_reserved_per_url`). */
export const MASTODON_CHARACTERS_PER_URL = 23;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const WORD = String.raw`\p{L}\p{M}\p{N}\p{Pc}`;
const URL = /https?:\/\/[^\s<>"]+/giu;
// Mastodon's mention pattern: `@user` or `@user@domain`, not inside a word or a path.
const MENTION = new RegExp(String.raw`(?<![${WORD}/])@([a-z0-9_]+)(?:@[${WORD}.-]*[${WORD}])?`, 'giu');
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/u;

/** The user-perceived characters (grapheme clusters) in a text: `ŵ`, `👩‍👩‍👧` and `🏴󠁧󠁢󠁷󠁬󠁳󠁿` count as one each. */
export function countGraphemes(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

/** Trims what ends a sentence rather than a link, and a closing bracket the link did not open. */
export function trimUrl(url: string): string {
  let trimmed = url.replace(TRAILING_PUNCTUATION, '');
  while (trimmed.endsWith(')') && (trimmed.match(/\(/g) ?? []).length < (trimmed.match(/\)/g) ?? []).length) {
    trimmed = trimmed.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return trimmed;
}

/**
 * The text Mastodon counts: every link replaced by 23 characters, and every `@user@domain` by `@user` (its
 * StatusLengthValidator), so that long links and remote handles cost no more than short ones.
 */
export function mastodonCountableText(text: string): string {
  const placeholder = 'x'.repeat(MASTODON_CHARACTERS_PER_URL);
  const withoutUrls = text.replace(URL, (url) => placeholder + url.slice(trimUrl(url).length));
  return shortenMentions(withoutUrls);
}

/**
 * Where the links and mentions lie that Mastodon counts as something else than their characters: a text cut inside
 * one counts differently from the whole ("@sam@exa" is not the handle "@sam@example.org").
 */
export function mastodonSpecialSpans(text: string): { start: number; end: number }[] {
  const spans = Array.from(text.matchAll(URL), (found) => ({ start: found.index, end: found.index + trimUrl(found[0]).length }));
  for (const found of text.matchAll(MENTION)) spans.push({ start: found.index, end: found.index + found[0].length });
  return spans;
}

/** Replaces every `@user@domain` by `@user`, as Mastodon shows (and counts) a mention. */
export function shortenMentions(text: string): string {
  return text.replace(MENTION, (_mention, user: string) => `@${user}`);
}

/** The length Mastodon checks against the instance's `max_characters`: graphemes of the countable text. */
export function countForMastodon(text: string): number {
  return countGraphemes(mastodonCountableText(text));
}

/** The length Bluesky checks against its limit of 300: graphemes. */
export function countForBluesky(text: string): number {
  return countGraphemes(text);
}

/** The length a platform checks. */
export function countFor(platform: PlatformName, text: string): number {
  return platform === 'mastodon' ? countForMastodon(text) : countForBluesky(text);
}

/** A platform and the most characters a post on it may have (the instance's limit for Mastodon, 300 for Bluesky). */
export interface LengthLimit {
  platform: PlatformName;
  maxCharacters: number;
}

/** Why a text cannot be published under a limit, in words for the compose page; undefined when it can. */
export function lengthProblem(text: string, limit: LengthLimit): string | undefined {
  if (text.trim() === '') return 'Enter the text to publish';
  const name = limit.platform === 'mastodon' ? 'Mastodon' : 'Bluesky';
  const count = countFor(limit.platform, text);
  if (count > limit.maxCharacters) {
    return `The text must be ${limit.maxCharacters} characters or fewer on ${name}: it is ${count}`;
  }
  if (limit.platform === 'bluesky' && Buffer.byteLength(text, 'utf8') > BLUESKY_MAX_BYTES) {
    return `The text must be ${BLUESKY_MAX_BYTES} bytes or fewer on Bluesky: shorten it or use fewer emoji`;
  }
  return undefined;
}
