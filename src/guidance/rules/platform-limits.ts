import { z } from 'zod';
import {
  BLUESKY_MAX_BYTES, BLUESKY_MAX_GRAPHEMES, MASTODON_DEFAULT_MAX_CHARACTERS, countFor, lengthProblem, mastodonCountableText, mastodonSpecialSpans,
} from '../../engagement/publishing/text-length.js';
import type { DraftPlatform, Finding, Rule } from './rule.js';

/** The platform limits rule's section of the policy file. */
export const platformLimitsPolicy = z
  .object({
    /** The most links a post may carry: more reads as spam and gives readers no clear next step. */
    maxLinks: z.number().int('must be a whole number').min(0, 'must be 0 or more').default(2),
  })
  .strict();

/** The platform limits rule's settings. */
export type PlatformLimitsPolicy = z.output<typeof platformLimitsPolicy>;

/** The most characters a post may have on a platform: the channel's own limit, never more than Bluesky allows. */
export function maxCharactersFor(platform: DraftPlatform, channelLimit: number | undefined): number {
  if (platform === 'bluesky') return Math.min(channelLimit ?? BLUESKY_MAX_GRAPHEMES, BLUESKY_MAX_GRAPHEMES);
  return channelLimit ?? MASTODON_DEFAULT_MAX_CHARACTERS;
}

/**
 * A count never below what the platform counts, without splitting the text into graphemes: the UTF-16 code units (a
 * grapheme has at least one) of the text the platform counts (on Mastodon, with each link as 23 characters).
 */
export function lengthUpperBound(platform: DraftPlatform, text: string): number {
  return platform === 'bluesky' ? text.length : mastodonCountableText(text).length;
}

/** Whether a text surely fits, by the cheap bound: then it need not be counted (nor, on Bluesky, its bytes: 3 a unit). */
function surelyFits(platform: DraftPlatform, text: string, max: number): boolean {
  if (lengthUpperBound(platform, text) > max) return false;
  return platform !== 'bluesky' || text.length * 3 <= BLUESKY_MAX_BYTES;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where a prefix should end to be counted as the platform counts the whole text: a cut inside a link or a mention is
 * moved to its end, since Mastodon counts "@sam@exa" as more than "@sam@example.org". With that, counts only grow as
 * the prefix grows.
 */
export function cutOutside(spans: readonly { start: number; end: number }[], end: number): number {
  return spans.find((span) => span.start < end && end < span.end)?.end ?? end;
}

/**
 * Where the text goes over the limit: the start of the first grapheme past it, as the platform counts; undefined when
 * it is not over (a Bluesky post can be too long in bytes only). Where the platform counts the text's own graphemes,
 * the answer is read off one segmentation; otherwise prefixes (cut at whole words where links and mentions are, see
 * cutOutside) are counted in a binary search.
 */
function overflowAt(platform: DraftPlatform, text: string, max: number): number | undefined {
  const boundaries = Array.from(graphemes.segment(text), (segment) => segment.index);
  if (platform === 'bluesky' || !/https?:|@/iu.test(text)) return boundaries.length > max ? boundaries[max] : undefined;
  if (countFor(platform, text) <= max) return undefined;
  const spans = mastodonSpecialSpans(text);
  let low = 0;
  let high = boundaries.length;
  // The shortest prefix (in graphemes) that counts more than max; counts grow with the prefix.
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const end = cutOutside(spans, boundaries[middle + 1] ?? text.length);
    if (countFor(platform, text.slice(0, end)) > max) high = middle;
    else low = middle + 1;
  }
  return boundaries[low] ?? text.length;
}

/**
 * What the platform will not take: a post over the channel's length (Mastodon counts a link as 23 characters,
 * Bluesky counts graphemes), or more links than the policy allows. Blocked until fixed.
 */
export const platformLimitsRule: Rule<PlatformLimitsPolicy> = {
  id: 'platform-limits',
  title: 'Platform limits',
  principle: 'platform-rules',
  policy: platformLimitsPolicy,
  defaults: platformLimitsPolicy.parse({}),
  check(draft, context, policy) {
    const { text } = draft;
    const findings: Finding[] = [];
    const maxCharacters = maxCharactersFor(context.platform, context.maxCharacters);
    const problem =
      text.trim() === '' || surelyFits(context.platform, text, maxCharacters)
        ? undefined
        : lengthProblem(text, { platform: context.platform, maxCharacters });
    if (problem !== undefined) {
      const overflow = overflowAt(context.platform, text, maxCharacters);
      findings.push({
        rule: 'platform-limits',
        severity: 'blocked',
        message: `${problem}.`,
        principle: 'platform-rules',
        start: overflow ?? 0,
        end: text.length,
        suggestion: 'Shorten the post, or link to the full answer on GOV.UK.',
      });
    }
    const extra = draft.links.slice(policy.maxLinks);
    const first = extra[0];
    const last = extra.at(-1);
    if (first !== undefined && last !== undefined) {
      findings.push({
        rule: 'platform-limits',
        severity: 'blocked',
        message: `A post may have at most ${policy.maxLinks} ${policy.maxLinks === 1 ? 'link' : 'links'}: this one has ${draft.links.length}.`,
        principle: 'platform-rules',
        start: first.start,
        end: last.end,
        suggestion: 'Keep the one link that answers the question best.',
      });
    }
    return findings;
  },
};
