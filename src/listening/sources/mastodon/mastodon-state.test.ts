import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readSinceIds, sinceIdsState } from './mastodon-state.js';

describe('Mastodon source state', () => {
  it('round-trips each feed’s since_id', () => {
    const state = sinceIdsState('social.example', new Map([['local', '113'], ['tag:nhs', '112']]));
    assert.deepEqual(state, { instance: 'social.example', sinceIds: { local: '113', 'tag:nhs': '112' } });
    assert.deepEqual([...readSinceIds(JSON.parse(JSON.stringify(state)), 'social.example')], [['local', '113'], ['tag:nhs', '112']]);
  });

  it('starts afresh when the state is missing, unreadable or from another instance', () => {
    assert.equal(readSinceIds({}, 'social.example').size, 0);
    assert.equal(readSinceIds({ instance: 'social.example', sinceIds: { local: 5 } }, 'social.example').size, 0);
    assert.equal(readSinceIds(sinceIdsState('other.example', new Map([['local', '1']])), 'social.example').size, 0);
  });
});
