import { LANGUAGES_OF_WORD, LATIN_LANGUAGES } from './language-words.js';
import { trigramScorer } from './trigram-distances.js';
import { welshness } from './welshness.js';
import { looksLikeName, wordsOf } from './words.js';

/** A post's language as an ISO 639-1 code (`und` when unsure) and how sure we are, from 0 to 1. */
export interface LanguageGuess {
  readonly language: string;
  readonly confidence: number;
}

/** What the identifier may use besides the text. */
export interface LanguageHints {
  /** The language the post declares (Bluesky `langs[0]`, Mastodon `language`): weighed, not trusted. */
  readonly declaredLanguage?: string | undefined;
  /** The post's words from {@link wordsOf}, when the caller has them already. */
  readonly words?: readonly string[] | undefined;
}

/** The languages we tell apart (franc's ISO 639-3 code → ISO 639-1): those UK citizens commonly post in. */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en', cym: 'cy', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', pol: 'pl', ron: 'ro', gle: 'ga',
  gla: 'gd', nld: 'nl', lit: 'lt', tur: 'tr', som: 'so', arb: 'ar', urd: 'ur', pes: 'fa', rus: 'ru', ukr: 'uk',
  bul: 'bg', hin: 'hi', pan: 'pa', ben: 'bn', guj: 'gu', tam: 'ta', cmn: 'zh', ell: 'el', jpn: 'ja', kor: 'ko',
  heb: 'he', tha: 'th',
};
const scoreTrigrams = trigramScorer(Object.keys(ISO_639_1));
const IDENTIFIED: ReadonlySet<string> = new Set(Object.values(ISO_639_1));
const ALSO_KNOWN_AS: Readonly<Record<string, string>> = { wel: 'cy', cym: 'cy', eng: 'en', gle: 'ga', gla: 'gd' };

/** How much the share of common words counts against the trigram score (both run 0..1). */
const COMMON_WORD_WEIGHT = 1.5;
/** The nudge a declared language gets: enough to settle a near tie, not to outvote the text. */
const DECLARED_WEIGHT = 0.1;
/** Most posts a UK public body hears are in English: a head start that only matters when the text says little. */
const ENGLISH_PRIOR = 0.1;
/** How far Welsh-looking spelling moves Welsh up and English down (and the reverse), at most. */
const SPELLING_WEIGHT = 0.25;
/** Below this many letters there is nothing to go on but the declared language. */
const MIN_LETTERS = 3;
/** A margin between the best two languages that maps to confidence 0.5. */
const HALF_CONFIDENCE_MARGIN = 0.1;
const UNSURE_BELOW = 0.2;
const UNDETERMINED = 'und';

/** Reduces a declared language tag ("en-GB", "cym", "CY") to a code we identify, or undefined. */
export function normaliseLanguageTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  if (primary === undefined || primary === '') return undefined;
  const code = ALSO_KNOWN_AS[primary] ?? ISO_639_1[primary] ?? primary;
  return IDENTIFIED.has(code) ? code : undefined;
}

/**
 * Identifies the language of a short post. Trigram distances (franc-all's, limited to the languages UK citizens commonly
 * post in, names left out) are combined, for Latin-script text, with the share of each language's common words and
 * with how Welsh the spelling looks, which is what tells Welsh from English on a post of a few words. English gets a
 * small head start; a declared language only settles near ties.
 */
export function identifyLanguage(text: string, hints: LanguageHints = {}): LanguageGuess {
  const asWritten = hints.words ?? wordsOf(text);
  const words = asWritten.map((word) => word.toLowerCase());
  const declared = normaliseLanguageTag(hints.declaredLanguage);
  if (letterCount(words) < MIN_LETTERS) {
    return declared === undefined ? { language: UNDETERMINED, confidence: 0 } : { language: declared, confidence: 0.1 };
  }
  const prose = withoutNames(asWritten, words);
  const settled = settledByCommonWords(words, prose);
  if (settled !== undefined) return settled;
  const scores = trigramScores(prose.join(' '));
  if (LATIN_LANGUAGES.some((language) => scores.has(language))) {
    addCommonWordShares(scores, words);
    const welsh = welshness(prose);
    add(scores, 'cy', SPELLING_WEIGHT * welsh);
    add(scores, 'en', -SPELLING_WEIGHT * welsh);
  }
  add(scores, 'en', ENGLISH_PRIOR);
  if (declared !== undefined) add(scores, declared, DECLARED_WEIGHT);
  return bestOf(scores, declared);
}

/** Fewest words, and least share of them common in one language, for the common words alone to decide. */
const DECISIVE_WORDS = 5;
const DECISIVE_SHARE = 0.3;
const LATIN_WORD = /^[\p{Script=Latin}'’]+$/u;

/**
 * English or Welsh without the trigram model, when the common words settle it: a Latin-script post of several words,
 * a large share of them common in the one language and none in the other, and spelling that does not point the
 * other way. Undefined when the model is needed.
 */
function settledByCommonWords(words: readonly string[], prose: readonly string[]): LanguageGuess | undefined {
  if (words.length < DECISIVE_WORDS || !words.every((word) => LATIN_WORD.test(word))) return undefined;
  const shares = new Map<string, number>();
  for (const word of words) for (const language of languagesOfWord(word)) shares.set(language, (shares.get(language) ?? 0) + 1 / words.length);
  const en = shares.get('en') ?? 0;
  const cy = shares.get('cy') ?? 0;
  const others = [...shares].filter(([language]) => language !== 'en' && language !== 'cy').reduce((top, [, share]) => Math.max(top, share), 0);
  const welsh = welshness(prose);
  if (en >= DECISIVE_SHARE && cy === 0 && others === 0 && welsh <= 0) return { language: 'en', confidence: 0.9 };
  if (cy >= DECISIVE_SHARE && en === 0 && others === 0 && welsh >= 0) return { language: 'cy', confidence: 0.9 };
  return undefined;
}

function letterCount(words: readonly string[]): number {
  return words.reduce((count, word) => count + word.length, 0);
}

/**
 * The words without the names in them, when enough is left: a place name such as "Pontypridd" in an English post (or
 * "Universal Credit" in a Welsh one) would otherwise pull towards the wrong language.
 */
function withoutNames(asWritten: readonly string[], lowered: readonly string[]): readonly string[] {
  const prose = lowered.filter((_, index) => !looksLikeName(asWritten[index] ?? '', index));
  return letterCount(prose) >= MIN_LETTERS * 2 ? prose : lowered;
}

function trigramScores(sample: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const [code, score] of scoreTrigrams(sample)) {
    const language = ISO_639_1[code];
    if (language !== undefined) scores.set(language, score);
  }
  return scores;
}

function addCommonWordShares(scores: Map<string, number>, words: readonly string[]): void {
  const share = COMMON_WORD_WEIGHT / words.length;
  for (const word of words) {
    for (const language of languagesOfWord(word)) add(scores, language, share);
  }
}

/**
 * The languages a word is common in. A word with an apostrophe is looked up whole, then as head and tail ("mae'r" →
 * "mae'" or "mae", and "'r"); the tail decides where head and tail disagree, since clitics are the more telling part.
 */
function languagesOfWord(word: string): readonly string[] {
  const whole = LANGUAGES_OF_WORD.get(word);
  const apostrophe = word.lastIndexOf("'");
  if (whole !== undefined || apostrophe < 0) return whole ?? [];
  const headText = word.slice(0, apostrophe);
  const head = LANGUAGES_OF_WORD.get(`${headText}'`) ?? LANGUAGES_OF_WORD.get(headText) ?? [];
  const tail = LANGUAGES_OF_WORD.get(word.slice(apostrophe)) ?? [];
  if (tail.length === 0) return head;
  const both = tail.filter((language) => head.includes(language));
  return both.length > 0 ? both : tail;
}

function add(scores: Map<string, number>, language: string, amount: number): void {
  const score = scores.get(language);
  if (score !== undefined) scores.set(language, score + amount);
}

function bestOf(scores: ReadonlyMap<string, number>, declared: string | undefined): LanguageGuess {
  let best = UNDETERMINED;
  let top = -Infinity;
  let second = -Infinity;
  for (const [language, score] of scores) {
    if (score > top) {
      second = top;
      top = score;
      best = language;
    } else if (score > second) {
      second = score;
    }
  }
  if (best === UNDETERMINED) return { language: UNDETERMINED, confidence: 0 };
  const margin = Number.isFinite(second) ? top - second : 1;
  const confidence = round(margin / (margin + HALF_CONFIDENCE_MARGIN));
  if (confidence < UNSURE_BELOW && declared === undefined) return { language: UNDETERMINED, confidence };
  return { language: best, confidence };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
