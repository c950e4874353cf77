import {
  WELSH_GREETINGS,
  WELSH_INTENSIFIERS_AFTER,
  WELSH_INTENSIFIERS_BEFORE,
  WELSH_LEXICON,
  WELSH_NEGATORS,
} from './welsh-lexicon.js';

/** How many words after a negator it reaches: "ddim yn dda", "dydy e ddim yn ddigon da". */
const NEGATION_REACH = 3;
/** A negated word keeps most of its strength, the other way round ("ddim yn dda" is bad, less so than "gwael"). */
const NEGATED = -0.8;
const INTENSIFIED = 1.5;
/** Squashes a sum of weights into −1..1; with this, one "gwych" (3) scores about 0.6. */
const SQUASH = 15;

/** Splits "mae'r" into "mae" and "'r", so that a clitic does not hide the word it leans on. */
function stem(word: string): string {
  const apostrophe = word.indexOf("'");
  return apostrophe > 0 ? word.slice(0, apostrophe) : word;
}

/**
 * The sentiment of lower-case Welsh words, from −1 to 1: a sum of lexicon weights (mutated forms included), turned
 * round within a few words after a negator, strengthened by "iawn" after or "mor"/"rhy"/"hollol" before, and ignored
 * in greetings ("bore da").
 */
export function welshSentimentScore(words: readonly string[]): number {
  let sum = 0;
  let negatedUntil = -1;
  const stems = words.map(stem);
  stems.forEach((word, index) => {
    const before = stems[index - 1] ?? '';
    if (WELSH_NEGATORS.has(word) && !(word === 'ddim' && before === 'am')) {
      negatedUntil = index + NEGATION_REACH;
      return;
    }
    const weight = WELSH_LEXICON.get(word);
    if (weight === undefined || WELSH_GREETINGS.has(before)) return;
    const after = stems[index + 1] ?? '';
    const strength = WELSH_INTENSIFIERS_BEFORE.has(before) || WELSH_INTENSIFIERS_AFTER.has(after) ? INTENSIFIED : 1;
    sum += weight * strength * (index <= negatedUntil ? NEGATED : 1);
  });
  return sum / Math.sqrt(sum * sum + SQUASH);
}
