import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { facetGroupsOf, facetsOf } from './search-facets.js';
import type { ValidSearchOptions } from './search-options.js';

const options = (filters: Partial<ValidSearchOptions>): ValidSearchOptions => ({ sort: 'newest', limit: 10, ...filters });

describe('filter tokens', () => {
  it('give each filter value one plain token, whatever the value', () => {
    const facets = facetsOf({ sourceId: 'src "1" ', sourceKind: 'rss', language: 'cy', sentimentLabel: 'negative', hasPersonalData: true, watchIds: ['w-1', 'w-1', 'ŵ 2'] });
    const tokens = facets.split(' ');
    assert.equal(tokens.length, 7);
    for (const token of tokens) assert.match(token, /^f[a-z][0-9a-f]+$/u);
    assert.ok(tokens.includes('fl6379'));
  });

  it('turn the filters into groups that match the same tokens', () => {
    const facets = facetsOf({ sourceId: 's1', sourceKind: 'bluesky', language: 'en', sentimentLabel: 'positive', hasPersonalData: false, watchIds: ['w1'] }).split(' ');
    const groups = facetGroupsOf(options({ watchIds: ['w1', 'w2'], languages: ['en'], sentiment: ['positive'], personalData: false, sourceKinds: ['bluesky'], sourceIds: ['s1'] }));
    assert.equal(groups.length, 6);
    for (const group of groups) assert.ok(group.some((token) => facets.includes(token)), `one of ${group.join(', ')}`);
    assert.deepEqual(facetGroupsOf(options({ watchIds: [], languages: [] })), []);
  });
});
