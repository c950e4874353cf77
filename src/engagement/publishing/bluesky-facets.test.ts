import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { facetOf, findFacetCandidates } from './bluesky-facets.js';

function bytesOf(text: string, index: { byteStart: number; byteEnd: number }): string {
  return Buffer.from(text, 'utf8').subarray(index.byteStart, index.byteEnd).toString('utf8');
}

describe('findFacetCandidates', () => {
  it('finds links, mentions and tags with UTF-8 byte offsets after Welsh letters and emoji', () => {
    const text = 'Dŵr 💧 gan @resident.bsky.social: https://northmoor.gov.uk/dŵr. #Dŵr';
    const found = findFacetCandidates(text);
    assert.deepEqual(found.map((f) => f.kind), ['mention', 'link', 'tag']);
    assert.deepEqual(found.map((f) => bytesOf(text, f.index)), ['@resident.bsky.social', 'https://northmoor.gov.uk/dŵr', '#Dŵr']);
    assert.deepEqual(found[0]?.index, { byteStart: 14, byteEnd: 35 }, 'ŵ is 2 bytes and 💧 is 4');
    assert.deepEqual(found.map((f) => (f.kind === 'link' ? f.uri : f.kind === 'tag' ? f.tag : f.handle)), ['resident.bsky.social', 'https://northmoor.gov.uk/dŵr', 'Dŵr']);
  });

  it('leaves out what is not a handle, a link or a tag', () => {
    assert.deepEqual(findFacetCandidates('mail clerk@northmoor.gov.uk, @nodot, #123, a#b, example.org'), []);
    assert.deepEqual(findFacetCandidates('(https://example.org/a)').map((f) => f.kind === 'link' && f.uri), ['https://example.org/a']);
    assert.deepEqual(findFacetCandidates('#bins! and ＃ailgylchu').map((f) => f.kind === 'tag' && f.tag), ['bins', 'ailgylchu']);
  });
});

describe('facetOf', () => {
  it('makes app.bsky.richtext.facet features, and no facet for a mention without a DID', () => {
    const [mention, link] = findFacetCandidates('@a.example https://b.example');
    assert.ok(mention !== undefined && link !== undefined);
    assert.equal(facetOf(mention), undefined);
    assert.deepEqual(facetOf(mention, 'did:plc:a'), { $type: 'app.bsky.richtext.facet', index: { byteStart: 0, byteEnd: 10 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:a' }] });
    assert.deepEqual(facetOf(link)?.features, [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://b.example' }]);
  });
});
