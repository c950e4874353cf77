import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { maskServiceTerms } from './service-terms.js';
import { welshSentimentScore } from './welsh-sentiment.js';
import { wordsOf } from './words.js';

/** How a post feels, read from its score. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A post's sentiment: a score from −1 (very negative) to 1 (very positive) and its label. */
export interface Sentiment {
  readonly score: number;
  readonly label: SentimentLabel;
}

/** Scores closer to 0 than this are neutral. */
const NEUTRAL_WITHIN = 0.05;

/** The label for a sentiment score. */
export function sentimentLabel(score: number): SentimentLabel {
  if (score >= NEUTRAL_WITHIN) return 'positive';
  if (score <= -NEUTRAL_WITHIN) return 'negative';
  return 'neutral';
}

function sentimentOf(score: number): Sentiment {
  const rounded = Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000;
  return { score: rounded, label: sentimentLabel(rounded) };
}

let english: WinkMethods | undefined;

/** wink-nlp with only the pipes sentiment needs, built on first use (it takes about a tenth of a second). */
function englishNlp(): WinkMethods {
  english ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return english;
}

/**
 * The sentiment of English text, from wink-nlp's lexicon with its negation handling ("not good" is negative); names of
 * services such as "Universal Credit" or "garden waste" are taken as neutral.
 */
export function englishSentiment(text: string): Sentiment {
  const nlp = englishNlp();
  // wink-nlp's `its` helpers are plain functions that `out` recognises by identity, so no wrapper can stand in.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const score = nlp.readDoc(maskServiceTerms(text)).out(nlp.its.sentiment);
  return sentimentOf(typeof score === 'number' ? score : 0);
}

/** The sentiment of Welsh words (from {@link wordsOf}), from our Welsh lexicon with negation ("ddim yn dda"). */
export function welshSentiment(words: readonly string[]): Sentiment {
  return sentimentOf(welshSentimentScore(words.map((word) => word.toLowerCase())));
}

/**
 * The sentiment of a post in the given language: English (and undetermined text, which is mostly English) through
 * wink-nlp, Welsh through our lexicon. Other languages have no model yet and are scored neutral.
 */
export function analyseSentiment(text: string, language: string, words?: readonly string[]): Sentiment {
  if (language === 'en' || language === 'und') return englishSentiment(text);
  if (language === 'cy') return welshSentiment(words ?? wordsOf(text));
  return sentimentOf(0);
}
