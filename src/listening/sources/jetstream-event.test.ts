import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readJetstreamEvent } from './jetstream-event.js';

const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';

function postEvent(record: Record<string, unknown>, operation = 'create') {
  return {
    did,
    time_us: 1725911162329308,
    kind: 'commit',
    commit: { rev: '3l3qo2vuowo2b', operation, collection: 'app.bsky.feed.post', rkey: '3l3qo2vutsw2b', cid: 'bafyreib', record: { $type: 'app.bsky.feed.post', createdAt: '2024-09-09T19:46:02.102Z', ...record } },
  };
}

/** The UTF-8 byte range of `part` in `text`, as Bluesky facets give it. */
function bytes(text: string, part: string) {
  const byteStart = Buffer.byteLength(text.slice(0, text.indexOf(part)));
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(part) };
}

describe('readJetstreamEvent', () => {
  it('turns a new post into the matcher’s post: at:// id, DID as author, first language, source bluesky', () => {
    const reading = readJetstreamEvent(postEvent({ text: 'Bore da Caerdydd', langs: ['cy', 'en'] }));
    assert.deepEqual(reading, {
      kind: 'post',
      post: {
        id: `at://${did}/app.bsky.feed.post/3l3qo2vutsw2b`,
        text: 'Bore da Caerdydd',
        author: did,
        source: 'bluesky',
        lang: 'cy',
        links: [],
        hashtags: [],
        mentions: [],
      },
    });
  });

  it('reads links, tags and mentions from the facets, and leaves the linked text out', () => {
    const text = '🙂 Ffoniwch @nhs.bsky.social am gov.uk/universal-cr… #GIG';
    const reading = readJetstreamEvent(
      postEvent({
        text,
        tags: ['cymraeg'],
        facets: [
          { index: bytes(text, '@nhs.bsky.social'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:nhs' }] },
          { index: bytes(text, 'gov.uk/universal-cr…'), features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://www.gov.uk/universal-credit' }] },
          { index: bytes(text, '#GIG'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'GIG' }] },
          { index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#unknown' }] },
        ],
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://llyw.cymru/x', title: 't' } },
      }),
    );
    assert.equal(reading.kind, 'post');
    assert.equal(reading.post.text, '🙂 Ffoniwch @nhs.bsky.social am   #GIG');
    assert.deepEqual(reading.post.links, ['https://llyw.cymru/x', 'https://www.gov.uk/universal-credit']);
    assert.deepEqual(reading.post.hashtags, ['cymraeg', 'GIG']);
    assert.deepEqual(reading.post.mentions, ['did:plc:nhs']);
  });

  it('ignores facets whose byte ranges do not fit the text, and keeps the post', () => {
    const reading = readJetstreamEvent(
      postEvent({
        text: 'café',
        facets: [
          { index: { byteStart: 4, byteEnd: 5 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://a.example' }] },
          { index: { byteStart: 2, byteEnd: 99 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://b.example' }] },
          { index: 'nonsense', features: [] },
        ],
      }),
    );
    assert.equal(reading.kind === 'post' && reading.post.text, 'café');
  });

  it('reads an update like a create', () => {
    assert.equal(readJetstreamEvent(postEvent({ text: 'edited' }, 'update')).kind, 'post');
  });

  it('skips deletes, other collections and other kinds of event', () => {
    assert.deepEqual(readJetstreamEvent({ did, kind: 'commit', commit: { operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'r' } }), { kind: 'skip' });
    assert.deepEqual(readJetstreamEvent({ did, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.like', rkey: 'r', record: {} } }), { kind: 'skip' });
    assert.deepEqual(readJetstreamEvent({ did, time_us: 1, kind: 'identity', identity: { did, handle: 'x.bsky.social' } }), { kind: 'skip' });
    assert.deepEqual(readJetstreamEvent({ did, time_us: 1, kind: 'account', account: { active: true } }), { kind: 'skip' });
  });

  it('says what is wrong with an event it cannot read', () => {
    assert.equal(readJetstreamEvent('hello').kind, 'invalid');
    assert.equal(readJetstreamEvent({ did, kind: 'commit' }).kind, 'invalid');
    assert.deepEqual(readJetstreamEvent(postEvent({ text: 42 })), { kind: 'invalid', problem: 'the post record has no "text"' });
  });
});
