import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sampleStatus } from './status-fixtures.js';
import { readStreamMessage } from './stream-message.js';

describe('readStreamMessage', () => {
  it('reads updates and edits, whose payload is a status as a JSON string, with the feed they came from', () => {
    const status = sampleStatus();
    assert.deepEqual(readStreamMessage(JSON.stringify({ stream: ['hashtag', 'NHS'], event: 'update', payload: JSON.stringify(status) })), { kind: 'status', feed: 'tag:nhs', status, edited: false });
    assert.deepEqual(readStreamMessage(JSON.stringify({ stream: ['public:local'], event: 'status.update', payload: JSON.stringify(status) })), { kind: 'status', feed: 'local', status, edited: true });
    assert.deepEqual(readStreamMessage(JSON.stringify({ event: 'update', payload: JSON.stringify(status) })), { kind: 'status', feed: null, status, edited: false });
  });

  it('reads deletes, whose payload is the id itself', () => {
    assert.deepEqual(readStreamMessage('{"stream":["public"],"event":"delete","payload":"106692867363994015"}'), { kind: 'delete', id: '106692867363994015' });
  });

  it('ignores the events Parley has no use for', () => {
    assert.equal(readStreamMessage('{"stream":["user"],"event":"filters_changed"}'), null);
    assert.equal(readStreamMessage('{"stream":["user"],"event":"notification","payload":"{}"}'), null);
    assert.equal(readStreamMessage('{"error":"Unknown stream type","status":400}'), null);
  });

  it('calls anything else malformed', () => {
    for (const data of ['not json', '[]', '{"payload":"x"}', '{"event":"update","payload":"{nope"}', '{"event":"update","payload":{"id":"1"}}', '{"event":"delete","payload":5}', '{"event":"delete","payload":"../x"}', '{"event":"delete"}']) {
      assert.deepEqual(readStreamMessage(data), { kind: 'malformed' }, data);
    }
  });
});
