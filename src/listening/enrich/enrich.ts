import { identifyLanguage } from './language.js';
import { findPersonalData, type PersonalDataKind, type PersonalDataSpan } from './personal-data.js';
import { analyseSentiment, type Sentiment } from './sentiment.js';
import { wordsOf } from './words.js';

/** What enrichment needs of a mention that matched a watch. */
export interface MentionToEnrich {
  readonly text: string;
  /** The language the post declares (Bluesky `langs[0]`, Mastodon `language`), if any. */
  readonly declaredLanguage?: string | undefined;
}

/** What enrichment adds to a mention before it is stored. */
export interface Enrichment {
  /** ISO 639-1 code, or `und` when unsure. */
  readonly language: string;
  /** 0..1. */
  readonly languageConfidence: number;
  readonly sentiment: Sentiment;
  readonly personalData: {
    /** Each kind found, once, in order of first appearance. */
    readonly kinds: readonly PersonalDataKind[];
    readonly spans: readonly PersonalDataSpan[];
  };
}

/**
 * Enriches a mention: its language (Welsh told from English on short posts; the declared language only weighed),
 * its sentiment in that language, and the personal data in it. The words are found once and shared by language
 * identification and Welsh sentiment. Pure: text in, data out.
 */
export function enrichMention(mention: MentionToEnrich): Enrichment {
  const { text, declaredLanguage } = mention;
  const words = wordsOf(text);
  const { language, confidence } = identifyLanguage(text, { declaredLanguage, words });
  const spans = findPersonalData(text);
  return {
    language,
    languageConfidence: confidence,
    sentiment: analyseSentiment(text, language, words),
    personalData: { kinds: [...new Set(spans.map((span) => span.kind))], spans },
  };
}
