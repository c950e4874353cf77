import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jetstreamCursorOf, toIngestBatches } from './jetstream-batches.js';
import { type JetstreamChange, readJetstreamChange } from './jetstream-change.js';
import { deleteEvent, identityEvent, postEvent } from './jetstream-fixtures.js';

const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const post = (timeUs: number, rkey: string): JetstreamChange => readJetstreamChange(postEvent({ did, timeUs, rkey, text: `post ${rkey}` }));
const uri = (rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

describe('toIngestBatches', () => {
  it('puts the events in one batch with the time of the last as its cursor, counting the unreadable', () => {
    const batches = toIngestBatches([
      post(10, 'a'),
      readJetstreamChange(identityEvent(did, 'x.bsky.social', 11)),
      readJetstreamChange(deleteEvent(did, 'z', 12)),
      { kind: 'invalid', timeUs: null, problem: 'not JSON' },
      post(13, 'b'),
      { kind: 'invalid', timeUs: 14, problem: 'the post record has no "text"' },
    ]);
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0]?.mentions.map((m) => m.externalId), [uri('a'), uri('b')]);
    assert.deepEqual(batches[0].deletions, [uri('z')]);
    assert.equal(batches[0].malformed, 2);
    assert.deepEqual(batches[0].state, { cursor: 14 });
  });

  it('starts a new batch when a post deleted in this one comes back, so the deletion is not applied after it', () => {
    const batches = toIngestBatches([post(1, 'a'), readJetstreamChange(deleteEvent(did, 'a', 2)), post(3, 'a'), post(4, 'b')]);
    assert.deepEqual(batches.map((b) => [b.mentions.map((m) => m.externalId), b.deletions, b.state]), [
      [[uri('a')], [uri('a')], { cursor: 2 }],
      [[uri('a'), uri('b')], [], { cursor: 4 }],
    ]);
  });

  it('never moves the cursor back, and leaves it alone when no event has a time', () => {
    assert.deepEqual(toIngestBatches([post(9, 'a'), post(7, 'b')])[0]?.state, { cursor: 9 });
    const [timeless] = toIngestBatches([{ kind: 'invalid', timeUs: null, problem: 'not JSON' }]);
    assert.equal(timeless?.malformed, 1);
    assert.equal(timeless.state, undefined);
    assert.deepEqual(toIngestBatches([]), []);
  });
});

describe('jetstreamCursorOf', () => {
  it('reads the saved cursor, or null when there is none or it is unusable', () => {
    assert.equal(jetstreamCursorOf({ cursor: 1_725_911_162_329_308 }), 1_725_911_162_329_308);
    for (const state of [{}, { cursor: '12' }, { cursor: -1 }, { cursor: 1.5 }]) assert.equal(jetstreamCursorOf(state), null);
  });
});
