import { z } from 'zod';
import { identifyLanguage, normaliseLanguageTag } from '../../listening/enrich/language.js';
import { LANGUAGES_OF_WORD } from '../../listening/enrich/language-words.js';
import type { Draft } from './draft.js';
import type { Rule } from './rule.js';

/** The Welsh rule's section of the policy file. */
export const welshPolicy = z
  .object({
    /** The fewest words a sentence needs for its language to count: "Diolch!" before an English answer is not Welsh. */
    minWelshWords: z.number().int('must be a whole number').min(1, 'must be 1 or more').default(3),
  })
  .strict();

/** The Welsh rule's settings. */
export type WelshPolicy = z.output<typeof welshPolicy>;

/** A word common in Welsh and not in English: a sentence without one is not worth identifying. */
function welshOnly(word: string): boolean {
  const languages = LANGUAGES_OF_WORD.get(word.replace(/’/gu, "'"));
  return languages !== undefined && languages.includes('cy') && !languages.includes('en');
}

/** True when one sentence of enough words reads as Welsh: a bilingual reply as a whole may read as English. */
function hasWelshSentence(draft: Draft, minWords: number): boolean {
  return draft.sentences.some((sentence) => {
    const words = draft.words.filter((word) => word.start >= sentence.start && word.end <= sentence.end);
    return words.length >= minWords && words.some((word) => welshOnly(word.lower)) && identifyLanguage(sentence.text).language === 'cy';
  });
}

/**
 * A reply in English alone to a mention in Welsh: the Welsh Language Standards ask for the answer in Welsh. Medium.
 * Nothing is flagged when the draft's language cannot be told (a link, an emoji).
 */
export const welshRule: Rule<WelshPolicy> = {
  id: 'welsh',
  title: 'Welsh',
  principle: 'welsh-language',
  policy: welshPolicy,
  defaults: welshPolicy.parse({}),
  check(draft, context, policy) {
    if (normaliseLanguageTag(context.inReplyToLang) !== 'cy') return [];
    if (identifyLanguage(draft.text).language !== 'en' || hasWelshSentence(draft, policy.minWelshWords)) return [];
    const start = draft.text.length - draft.text.trimStart().length;
    return [
      {
        rule: 'welsh',
        severity: 'medium',
        message: 'The post you are answering is in Welsh, and this reply is in English only. The Welsh Language Standards ask us to answer in Welsh.',
        principle: 'welsh-language',
        start,
        end: draft.text.trimEnd().length,
        suggestion: 'Write the reply in Welsh, or in Welsh and then English.',
      },
    ];
  },
};
