import type { ValidSearchOptions } from './search-options.js';

/**
 * The filters are answered by the search index too: each mention carries its filter values as tokens in
 * `mentions.facets` — a kind letter after `f`, then the value hex-encoded so that any id is one plain token
 * (`fl6379` is language "cy") — indexed apart from its words (FTS5's `facets` column, PostgreSQL's `facet_vector`).
 * The engine then intersects words and filters inside its index.
 */

/** The values of a mention that can be filtered on. */
export interface FacetValues {
  sourceId: string;
  sourceKind: string;
  language: string;
  sentimentLabel: string;
  hasPersonalData: boolean;
  watchIds: readonly string[];
}

const kinds = { watch: 'w', source: 's', sourceKind: 'k', language: 'l', sentiment: 'e', personalData: 'p' } as const;

function token(kind: string, value: string): string {
  return `f${kind}${Buffer.from(value, 'utf8').toString('hex')}`;
}

/** A mention's filter tokens, space-separated, for `mentions.facets`. */
export function facetsOf(values: FacetValues): string {
  return [
    token(kinds.source, values.sourceId),
    token(kinds.sourceKind, values.sourceKind),
    token(kinds.language, values.language),
    token(kinds.sentiment, values.sentimentLabel),
    token(kinds.personalData, values.hasPersonalData ? '1' : '0'),
    ...[...new Set(values.watchIds)].map((watchId) => token(kinds.watch, watchId)),
  ].join(' ');
}

function anyOf(kind: string, values: readonly string[] | undefined): string[][] {
  return values === undefined || values.length === 0 ? [] : [[...new Set(values)].map((value) => token(kind, value))];
}

/**
 * The filters (all but the date range) as groups of tokens: a mention passes when it has at least one token of every
 * group. No groups when there are no filters. Tokens are letters and digits only, so they are safe in either engine's
 * query syntax.
 */
export function facetGroupsOf(options: ValidSearchOptions): string[][] {
  return [
    ...anyOf(kinds.watch, options.watchIds),
    ...anyOf(kinds.source, options.sourceIds),
    ...anyOf(kinds.sourceKind, options.sourceKinds),
    ...anyOf(kinds.language, options.languages),
    ...anyOf(kinds.sentiment, options.sentiment),
    ...(options.personalData === undefined ? [] : [[token(kinds.personalData, options.personalData ? '1' : '0')]]),
  ];
}
