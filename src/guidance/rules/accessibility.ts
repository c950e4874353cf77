import { z } from 'zod';
import type { Draft, Span, Word } from './draft.js';
import { compiledPer, compilePhrases, findPhrases, termSchema, type PhraseIndex, type Term } from './phrases.js';
import type { DraftContext, Finding, Rule } from './rule.js';
import { isKnownWord } from './vocabulary.js';

/** The accessibility rule's section of the policy file. */
export interface AccessibilityPolicy {
  /** Words to add to the built-in vocabulary used to split hashtags ("bincollection" needs "bin" and "collection"). */
  hashtagWords: string[];
  /** This many emoji in a row, or more, are flagged. */
  emojiRun: number;
  /**
   * Link text that never says where a link goes ("click here", "this link", "read more"): flagged when only
   * `emptyWords` stand between it and the link.
   */
  vagueLinkWords: Term[];
  /**
   * Words that say nothing about where a link goes ("more", "info", "the answer is"). "Here" just before a link is
   * flagged when the rest of its sentence is made of these words only: "Report it here:" says what the link is for
   * (an action, or "it" for something just described), "More info here:" does not.
   */
  emptyWords: string[];
}

const policySchema: z.ZodType<AccessibilityPolicy> = z.object({
  hashtagWords: z.array(z.string().trim().min(1)),
  emojiRun: z.number().int().min(2),
  vagueLinkWords: z.array(termSchema),
  emptyWords: z.array(z.string().trim().min(1)),
});

const defaults: AccessibilityPolicy = {
  hashtagWords: ['gov', 'uk', 'covid', 'jobcentre', 'ulez', 'wales', 'cymru'],
  emojiRun: 3,
  vagueLinkWords: [
    'click here', 'tap here', 'press here', 'click the link', 'click this link', 'click on the link', 'tap the link',
    'this link', 'the link below', 'follow this link', 'follow the link', 'read more', 'more info', 'see here',
  ],
  emptyWords: [
    'hi', 'hello', 'thanks', 'thank', 'you', 'the', 'a', 'an', 'more', 'info', 'information', 'details', 'answer',
    'answers', 'is', 'are', 'all', 'everything', 'need', 'to', 'know', 'find', 'out', 'see', 'look',
    'go', 'visit', 'click', 'tap', 'press', 'read', 'available', 'can', 'be', 'found', 'just', 'please', 'for', 'at',
    'on', 'over', 'there', 'and', 'or', 'further',
  ],
};

interface Compiled {
  extra: ReadonlySet<string>;
  vague: PhraseIndex<null>;
  empty: ReadonlySet<string>;
  emojiRun: RegExp;
}

const EMOJI = String.raw`(?:\p{Regional_Indicator}{2}|(?!\u00A9|\u00AE|\u2122|\u203C|\u2049)\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})*)*)`;

const compile = compiledPer<AccessibilityPolicy, Compiled>((policy) => ({
  extra: new Set(policy.hashtagWords.map((word) => word.toLowerCase())),
  vague: compilePhrases(policy.vagueLinkWords, () => null),
  empty: new Set(policy.emptyWords.map((word) => word.toLowerCase().replace(/’/gu, "'"))),
  emojiRun: new RegExp(String.raw`${EMOJI}(?:\s*${EMOJI}){${policy.emojiRun - 1},}`, 'gu'),
}));

const LONGEST_WORD = 20;

/**
 * Splits a lower-case run of letters and digits into the fewest known words (digits make a word of their own), or
 * returns undefined when it cannot be split. Fewest words wins, so "notice" stays whole rather than "not ice".
 */
export function splitHashtag(body: string, known: (word: string) => boolean): string[] | undefined {
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= body.length; end++) {
    for (let start = Math.max(0, end - LONGEST_WORD); start < end; start++) {
      const before = best[start];
      if (before === undefined) continue;
      const piece = body.slice(start, end);
      if (!/^\d+$/u.test(piece) && !known(piece)) continue;
      const current = best[end];
      if (current === undefined || before.length + 1 < current.length) best[end] = [...before, piece];
    }
  }
  return best[body.length];
}

/** The CamelCase form of a hashtag that joins several words without capitals, or undefined if it needs none. */
function camelCase(tag: string, known: (word: string) => boolean): string | undefined {
  const body = tag.slice(1);
  const hasLower = /\p{Ll}/u.test(body);
  const capitals = body.match(/\p{Lu}/gu)?.length ?? 0;
  // Acronyms (#NHS, #GOVUK) are fine; mixed case with capitals past the first letter is taken as already CamelCase.
  if (!hasLower || capitals > 1 || (capitals === 1 && !/^\p{Lu}/u.test(body))) return undefined;
  const parts = splitHashtag(body.toLowerCase(), known);
  if (parts === undefined || parts.filter((part) => /\p{L}/u.test(part)).length < 2) return undefined;
  return `${tag.charAt(0)}${parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => start < span.end && span.start < end);
}

function base(start: number, end: number): Pick<Finding, 'rule' | 'severity' | 'principle' | 'start' | 'end'> {
  return { rule: accessibilityRule.id, severity: 'low', principle: accessibilityRule.principle, start, end };
}

function hashtagFindings(draft: Draft, compiled: Compiled): Finding[] {
  const own = new Set(
    draft.words.filter((word) => !overlaps(draft.hashtags, word.start, word.end)).map((word) => word.lower),
  );
  const known = (word: string): boolean => (word.length > 1 || word === 'a') && (isKnownWord(word, compiled.extra) || own.has(word));
  const findings: Finding[] = [];
  for (const tag of draft.hashtags) {
    const fixed = camelCase(tag.text, known);
    if (fixed === undefined) continue;
    findings.push({
      ...base(tag.start, tag.end),
      message: `Write '${tag.text}' as ${fixed}. Capitals at the start of each word let screen readers read the words out, and make them easier for everyone to read.`,
      suggestion: fixed,
    });
  }
  return findings;
}

/** Runs of emoji; a single emoji is decoration that screen readers read once, and is left alone. */
function emojiFindings(draft: Draft, compiled: Compiled): Finding[] {
  return [...draft.text.matchAll(compiled.emojiRun)].map((match) => ({
    ...base(match.index, match.index + match[0].length),
    message: 'Screen readers read out the name of every emoji, so a run of them is long and tiring to listen to. Use one at most.',
    suggestion: 'Keep one emoji, or none.',
  }));
}

/** Whether the draft is nothing but links, mentions and hashtags. */
function onlyLinks(draft: Draft): boolean {
  if (draft.links.length === 0) return false;
  let rest = draft.text;
  for (const span of [...draft.links, ...draft.mentions, ...draft.hashtags].sort((a, b) => b.start - a.start)) {
    rest = rest.slice(0, span.start) + rest.slice(span.end);
  }
  return !/[\p{L}\p{N}]/u.test(rest);
}

/** The words that lead into a link: those of its sentence before it, or of the line before when that ends in a colon. */
function leadWords(draft: Draft, link: Span): Word[] {
  const at = draft.sentences.findIndex((sentence) => sentence.start <= link.start && link.start < sentence.end);
  const sentence = draft.sentences[at];
  const before = draft.sentences[at - 1];
  let from = sentence?.start ?? link.start;
  if (before !== undefined && from === link.start && before.text.endsWith(':')) from = before.start;
  return draft.words.filter((word) => word.start >= from && word.end <= link.start);
}

function vagueLinkFinding(start: number, end: number, text: string): Finding {
  return {
    ...base(start, end),
    message: `'${text}' does not say where the link goes. Screen reader users often list links on their own, so describe the page instead.`,
    suggestion: "Say what the page is, for example 'Apply for a blue badge:' before the link.",
  };
}

function linkFindings(draft: Draft, compiled: Compiled): Finding[] {
  const first = draft.links[0];
  if (first !== undefined && onlyLinks(draft)) {
    return [
      {
        ...base(first.start, first.end),
        message: 'A link on its own does not say where it goes. Say in a few words what people will find there.',
        suggestion: "Add a short description before the link, such as 'Check if you can get Pension Credit:'.",
      },
    ];
  }
  const vague = findPhrases(draft.text, draft.words, compiled.vague);
  const empty = (word: Word): boolean => compiled.empty.has(word.lower.replace(/’/gu, "'"));
  const findings: Finding[] = [];
  for (const link of draft.links) {
    const lead = leadWords(draft, link);
    const from = lead[0]?.start ?? link.start;
    const phrase = vague.filter((match) => match.start >= from && match.end <= link.start).at(-1);
    if (phrase !== undefined && lead.filter((word) => word.start >= phrase.end).every(empty)) {
      findings.push(vagueLinkFinding(phrase.start, phrase.end, draft.text.slice(phrase.start, phrase.end)));
      continue;
    }
    const last = lead.at(-1);
    if (last?.lower === 'here' && lead.slice(0, -1).every(empty) && /^[\s:\-–—>→]*$/u.test(draft.text.slice(last.end, link.start))) {
      findings.push(vagueLinkFinding(last.start, last.end, last.text));
    }
  }
  return findings;
}

function check(draft: Draft, _context: DraftContext, policy: AccessibilityPolicy): Finding[] {
  const compiled = compile(policy);
  return [...hashtagFindings(draft, compiled), ...emojiFindings(draft, compiled), ...linkFindings(draft, compiled)].sort(
    (a, b) => a.start - b.start,
  );
}

/** Accessibility: CamelCase hashtags, few emoji, and links that say where they go. */
export const accessibilityRule: Rule<AccessibilityPolicy> = {
  id: 'accessibility',
  title: 'Accessibility',
  principle: 'accessibility',
  policy: policySchema,
  defaults,
  check,
};
