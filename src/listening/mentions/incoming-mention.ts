/** The platforms a mention can come from (the demo's replay source replays posts as the platform they came from). */
export const sourceKinds = ['rss', 'mastodon', 'bluesky', 'webhook'] as const;

/** One of the source kinds. */
export type SourceKind = (typeof sourceKinds)[number];

/**
 * One item from any source, normalised: what every source produces and the pipeline (de-duplicate, match, enrich,
 * store) consumes. Text is plain text (HTML already stripped); times are ISO 8601 UTC.
 */
export interface IncomingMention {
  sourceKind: SourceKind;
  /** The item's id at its origin (feed guid, Mastodon status id, at:// URI, the webhook sender's id). */
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  authorName: string | null;
  text: string;
  /** The language the platform or author declared, if any (a hint: enrichment decides). */
  declaredLanguage: string | null;
  createdAt: string;
  links: string[];
  hashtags: string[];
  mentions: string[];
  /** The external id of the item this one replies to, when it is a reply. */
  replyTo: string | null;
}
