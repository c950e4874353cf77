const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const FEATURES = new Map<string, string>([
  ['app.bsky.richtext.facet#link', 'uri'],
  ['app.bsky.richtext.facet#mention', 'did'],
  ['app.bsky.richtext.facet#tag', 'tag'],
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStrongRef(value: unknown): boolean {
  return isObject(value) && typeof value.uri === 'string' && value.uri.startsWith('at://') && typeof value.cid === 'string' && value.cid !== '';
}

function facetProblem(facet: unknown, i: number, bytes: number): string | undefined {
  const at = `Record/facets/${i}`;
  if (!isObject(facet) || !isObject(facet.index) || !Array.isArray(facet.features)) return `${at} must be an object with index and features`;
  const { byteStart, byteEnd } = facet.index;
  if (!Number.isInteger(byteStart) || !Number.isInteger(byteEnd) || Number(byteStart) < 0 || Number(byteEnd) < Number(byteStart) || Number(byteEnd) > bytes) {
    return `${at}/index must be a byte range within the text`;
  }
  for (const feature of facet.features) {
    const field = isObject(feature) && typeof feature.$type === 'string' ? FEATURES.get(feature.$type) : undefined;
    if (field === undefined || !isObject(feature) || typeof feature[field] !== 'string') return `${at}/features must be links, mentions or tags`;
  }
  return undefined;
}

/**
 * Checks an `app.bsky.feed.post` record as the PDS does against its lexicon, for what Parley sends: text (at most
 * 300 graphemes and 3000 bytes), createdAt, langs, reply (root and parent strong refs) and facets (byte ranges).
 * Returns the problem in the PDS's words, or undefined.
 */
export function validatePost(record: Record<string, unknown>): string | undefined {
  if (record.$type !== 'app.bsky.feed.post') return 'Record/$type must be app.bsky.feed.post';
  const { text } = record;
  if (typeof text !== 'string') return 'Record must have the property "text"';
  if ([...graphemes.segment(text)].length > 300) return 'Record/text must not be longer than 300 graphemes';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > 3000) return 'Record/text must not be longer than 3000 characters';
  if (typeof record.createdAt !== 'string' || Number.isNaN(Date.parse(record.createdAt))) return 'Record/createdAt must be an valid atproto datetime';
  const { langs, reply, facets } = record;
  if (langs !== undefined && (!Array.isArray(langs) || langs.length > 3 || !langs.every((l) => typeof l === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(l)))) {
    return 'Record/langs must be at most 3 language codes';
  }
  if (reply !== undefined && (!isObject(reply) || !isStrongRef(reply.root) || !isStrongRef(reply.parent))) return 'Record/reply must have root and parent strong refs';
  if (facets !== undefined) {
    if (!Array.isArray(facets)) return 'Record/facets must be an array';
    for (const [i, facet] of facets.entries()) {
      const problem = facetProblem(facet, i, bytes);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
