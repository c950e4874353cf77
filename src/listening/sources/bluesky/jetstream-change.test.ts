import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readJetstreamChange, readJetstreamMessage } from './jetstream-change.js';
import { accountEvent, deleteEvent, didFor, identityEvent, likeEvent, postEvent } from './jetstream-fixtures.js';

const did = didFor('someone.bsky.social');
const timeUs = 1_725_911_162_329_308;

describe('readJetstreamChange', () => {
  it('turns a new post into a Bluesky mention with its URI, page, author DID, language, facets, time and parent', () => {
    const parent = `at://${didFor('council.gov.uk')}/app.bsky.feed.post/3l3qo2vutsw2b`;
    const event = postEvent({ did, timeUs, rkey: '3l3qo2vuowo2b', text: 'Bins missed again @council.gov.uk #bins https://www.cardiff.gov.uk/bins', langs: ['en-GB', 'cy'], createdAt: '2024-09-09T19:46:01.000Z', replyTo: parent });
    const change = readJetstreamMessage(JSON.stringify(event));
    assert.deepEqual(change, {
      kind: 'mention',
      timeUs,
      mention: {
        sourceKind: 'bluesky',
        externalId: `at://${did}/app.bsky.feed.post/3l3qo2vuowo2b`,
        url: `https://bsky.app/profile/${did}/post/3l3qo2vuowo2b`,
        authorHandle: did,
        authorName: null,
        text: 'Bins missed again @council.gov.uk #bins  ',
        declaredLanguage: 'en-GB',
        createdAt: '2024-09-09T19:46:01.000Z',
        links: ['https://www.cardiff.gov.uk/bins'],
        hashtags: ['bins'],
        mentions: [didFor('council.gov.uk')],
        replyTo: parent,
      },
    });
  });

  it('dates a post by the event when its own date is later, unreadable or before 1970', () => {
    const eventTime = new Date(Math.floor(timeUs / 1000)).toISOString();
    for (const createdAt of ['2099-01-01T00:00:00Z', 'yesterday', '1969-07-20T20:17:00Z']) {
      const change = readJetstreamChange(postEvent({ did, timeUs, text: 'x', createdAt }));
      assert.equal(change.kind === 'mention' && change.mention.createdAt, eventTime, createdAt);
    }
  });

  it('reads an update as a mention and a delete as a deletion of the same URI', () => {
    const updated = readJetstreamChange(postEvent({ did, timeUs, rkey: 'r1', text: 'edited', operation: 'update' }));
    assert.equal(updated.kind === 'mention' && updated.mention.externalId, `at://${did}/app.bsky.feed.post/r1`);
    assert.deepEqual(readJetstreamChange(deleteEvent(did, 'r1', timeUs + 1)), { kind: 'deletion', timeUs: timeUs + 1, externalId: `at://${did}/app.bsky.feed.post/r1` });
  });

  it('skips identity, account and other collections’ events, keeping their time for the cursor', () => {
    assert.deepEqual(readJetstreamChange(identityEvent(did, 'new.bsky.social', 5)), { kind: 'skip', timeUs: 5 });
    assert.deepEqual(readJetstreamChange(accountEvent(did, 6, 'deleted')), { kind: 'skip', timeUs: 6 });
    assert.deepEqual(readJetstreamChange(likeEvent(did, 'at://x', 7)), { kind: 'skip', timeUs: 7 });
    assert.deepEqual(readJetstreamChange({ ...deleteEvent(did, 'r', 8), commit: { operation: 'delete', collection: 'app.bsky.feed.like', rkey: 'r' } }), { kind: 'skip', timeUs: 8 });
  });

  it('says what is wrong with an unreadable event, with its time when it has one', () => {
    assert.deepEqual(readJetstreamMessage('{"did":'), { kind: 'invalid', timeUs: null, problem: 'not JSON' });
    assert.deepEqual(readJetstreamMessage('[1]'), { kind: 'invalid', timeUs: null, problem: 'not a Jetstream event: a JSON object is expected' });
    assert.equal(readJetstreamChange({ did, kind: 'commit', time_us: 'soon' }).timeUs, null);
    const textless = postEvent({ did, timeUs: 9, text: 'x' });
    assert.deepEqual(readJetstreamChange({ ...textless, commit: { ...textless.commit, record: { createdAt: 'x' } } }), { kind: 'invalid', timeUs: 9, problem: 'the post record has no "text"' });
    assert.equal(readJetstreamChange({ did, kind: 'commit', time_us: 10, commit: { operation: 'delete', collection: 'app.bsky.feed.post' } }).kind, 'invalid');
  });
});
