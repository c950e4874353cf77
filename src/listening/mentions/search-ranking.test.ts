import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseSearchText } from './search-query.js';
import { rankWindow, relevanceOf } from './search-ranking.js';
import { searchTextOf } from './search-text.js';

const score = (text: string, query: string): number => relevanceOf(searchTextOf(text), parseSearchText(query));

describe('relevance', () => {
  it('scores more occurrences and shorter posts higher', () => {
    assert.ok(score('bins bins bins', 'bins') > score('the bins', 'bins'));
    assert.ok(score('the bins', 'bins') > score('a long post about the council, its meetings, its roads and the bins', 'bins'));
  });

  it('counts a phrase only where its words stand together', () => {
    assert.ok(score('not collected, collected not', '"not collected"') < score('not collected, not collected', '"not collected"'));
    assert.equal(score('collected not', '"not collected"'), 0);
  });

  it('ranks a window best first, newest first among equals, and pages after a cursor', () => {
    const terms = parseSearchText('bins');
    const window = [
      { seq: 1, search_text: 'bins' },
      { seq: 2, search_text: 'the bins' },
      { seq: 3, search_text: 'bins bins' },
      { seq: 4, search_text: 'the bins' },
    ];
    const all = rankWindow(window, terms, undefined, 10);
    assert.deepEqual(all.map((m) => m.seq), [3, 1, 4, 2]);
    const second = all[1];
    assert.ok(second);
    const rest = rankWindow(window, terms, { sort: 'relevance', score: second.score, seq: second.seq }, 10);
    assert.deepEqual(rest.map((m) => m.seq), [4, 2]);
  });
});
