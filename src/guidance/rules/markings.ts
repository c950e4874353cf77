import { z } from 'zod';
import { compiledPerPolicy } from './memo.js';
import type { Finding, Rule } from './rule.js';

const phrase = z.string().trim().min(1, 'must not be empty');

/** The protective marking rule's section of the policy file. */
export const markingsPolicy = z
  .object({
    /** Markings found in any case: nobody writes "official-sensitive" in ordinary prose. */
    markings: z.array(phrase).default(['OFFICIAL-SENSITIVE', 'OFFICIAL SENSITIVE', 'OFFICIAL: SENSITIVE']),
    /**
     * Markings that are everyday words in lower case ("the secret to…", "restricted access"), so found only in
     * capitals and where a marking is written: at the start of a line or in brackets, before a colon or a dash.
     */
    capitalMarkings: z.array(phrase).default(['TOP SECRET', 'SECRET', 'RESTRICTED', 'CONFIDENTIAL']),
    /** Words that say the text is not yet cleared for release, in any case. */
    embargoes: z
      .array(phrase)
      .default(['embargoed', 'under embargo', 'embargo until', 'embargo till', 'not for publication', 'not for release', 'not for onward circulation', 'internal use only']),
  })
  .strict();

/** The protective marking rule's settings. */
export type MarkingsPolicy = z.output<typeof markingsPolicy>;

interface Compiled {
  anyCase: RegExp | undefined;
  capitals: RegExp | undefined;
  embargoes: RegExp | undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** One pattern for a list of phrases: whole words, any run of spaces or hyphens where the phrase has one. */
function alternation(phrases: readonly string[], flags: string): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const body = sorted.map((p) => escape(p).replace(/\s+/gu, String.raw`[\s\u00A0]+`).replace(/-/gu, String.raw`[-‑–]`)).join('|');
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${body})(?![\p{L}\p{N}])`, flags);
}

const compile = compiledPerPolicy(
  (policy: MarkingsPolicy): Compiled => ({
    anyCase: alternation(policy.markings, 'giu'),
    capitals: alternation(policy.capitalMarkings, 'gu'),
    embargoes: alternation(policy.embargoes, 'giu'),
  }),
);

// A marking heads a document or a paragraph, or stands in brackets, or is followed by a colon, dash or full stop:
// "SECRET:", "[RESTRICTED]", "TOP SECRET – UK EYES ONLY"; or the text says it is one ("marked SECRET", "classed as"). A capitalised word
// inside a sentence is emphasis or shouting.
const OPENS = /(?:^|\n|[[(|:–—-])[^\S\n]*$/u;
const NAMED_AS_MARKING = /\b(?:marked|classified|classed)(?: as)?[^\S\n]+$/u;
const CLOSES = /^[^\S\n]*(?:$|\n|[\]):|/.–—-]|[\p{Lu}]{2,}(?![\p{Ll}]))/u;
/** "embargo 00:01", "embargoed until 9.30": an embargo with its time, whatever the list says. */
const EMBARGO_TIME = /(?<![\p{L}\p{N}])embargo(?:ed)?[^\S\n]*(?:until|till|to)?[^\S\n]*:?[^\S\n]*\d{1,2}[:.]\d{2}/giu;

/** True when a span stands where a protective marking is written, not inside ordinary or shouted prose. */
function inMarkingPosition(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start);
  return NAMED_AS_MARKING.test(before) || (OPENS.test(before) && CLOSES.test(text.slice(end, end + 20)));
}

function spansOf(pattern: RegExp | undefined, text: string): { start: number; end: number; text: string }[] {
  if (pattern === undefined) return [];
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}

/**
 * Protective markings (OFFICIAL-SENSITIVE, SECRET, …) and embargoes ("embargoed until", "not for publication"): the
 * draft quotes material that is not cleared for the public. Blocked.
 */
export const markingsRule: Rule<MarkingsPolicy> = {
  id: 'protective-marking',
  title: 'Protective markings and embargoes',
  principle: 'security-and-confidentiality',
  policy: markingsPolicy,
  defaults: markingsPolicy.parse({}),
  check(draft, _context, policy) {
    const compiled = compile(policy);
    const { text } = draft;
    const findings: Finding[] = [];
    const marking = (span: { start: number; end: number; text: string }): Finding => ({
      rule: 'protective-marking',
      severity: 'blocked',
      message: `“${span.text}” is a protective marking: what carries it must not be published. Take the marked material out of the post.`,
      principle: 'security-and-confidentiality',
      start: span.start,
      end: span.end,
      suggestion: 'If the information should be public, ask its owner to clear it for release first.',
    });
    for (const span of spansOf(compiled.anyCase, text)) findings.push(marking(span));
    for (const span of spansOf(compiled.capitals, text)) {
      const overlaps = findings.some((found) => span.start < found.end && span.end > found.start);
      if (!overlaps && inMarkingPosition(text, span.start, span.end)) findings.push(marking(span));
    }
    const embargoes = spansOf(compiled.embargoes, text);
    for (const span of spansOf(EMBARGO_TIME, text)) if (!embargoes.some((found) => span.start < found.end && span.end > found.start)) embargoes.push(span);
    for (const span of embargoes) {
      findings.push({
        rule: 'protective-marking',
        severity: 'blocked',
        message: `“${span.text}” says this is not yet cleared for the public. Do not post embargoed material before the embargo lifts.`,
        principle: 'security-and-confidentiality',
        start: span.start,
        end: span.end,
        suggestion: 'Wait until the announcement is public, then link to it.',
      });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
