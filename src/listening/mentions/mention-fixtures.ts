import type { Enrichment } from '../enrich/enrich.js';
import type { PersonalDataKind } from '../enrich/personal-data.js';
import { sentimentLabel } from '../enrich/sentiment.js';
import type { IncomingMention } from './incoming-mention.js';
import type { StoreMentionInput } from './mention-rows.js';

/** What a test says about a mention; everything else gets a plain default. */
export interface MentionSpec extends Partial<IncomingMention> {
  sourceId?: string;
  watchIds?: readonly string[];
  language?: string;
  sentiment?: number;
  personalData?: readonly PersonalDataKind[];
}

let counter = 0;

/** A mention to store, as the pipeline would hand it over, for tests. Each call gets a fresh external id. */
export function mentionInput(spec: MentionSpec = {}): StoreMentionInput {
  counter += 1;
  const { sourceId = 'source-a', watchIds = ['watch-1'], language = 'en', sentiment = 0, personalData = [], ...incoming } = spec;
  const mention: IncomingMention = {
    sourceKind: 'mastodon',
    externalId: `item-${counter}`,
    url: `https://social.example/@someone/${counter}`,
    authorHandle: '@someone@social.example',
    authorName: 'Someone',
    text: `Post number ${counter}`,
    declaredLanguage: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    links: [],
    hashtags: [],
    mentions: [],
    replyTo: null,
    ...incoming,
  };
  const enrichment: Enrichment = {
    language,
    languageConfidence: 0.9,
    sentiment: { score: sentiment, label: sentimentLabel(sentiment) },
    personalData: { kinds: personalData, spans: [] },
  };
  return { sourceId, mention, enrichment, watchIds };
}
