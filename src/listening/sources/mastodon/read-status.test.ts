import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hasOptedOut, readStatus, type StatusContext } from './read-status.js';
import { sampleStatus as status } from './status-fixtures.js';

const context: StatusContext = { instanceHost: 'social.example', domain: 'social.example', includeOptedOut: false, maxTextLength: 20_000 };

describe('readStatus', () => {
  it('normalises a status into a mention', () => {
    const read = readStatus(status(), context);
    assert.ok(read.kind === 'mention');
    assert.deepEqual(read.mention, {
      sourceKind: 'mastodon',
      externalId: 'social.example:113024470216546213',
      url: 'https://social.example/@eirlys/113024470216546213',
      authorHandle: 'eirlys@social.example',
      authorName: 'Eirlys Jones',
      text: 'Diolch @cyngor am y #biniau https://cyngor.example/biniau',
      declaredLanguage: 'cy',
      createdAt: '2026-11-20T09:15:02.123Z',
      links: ['https://cyngor.example/biniau'],
      hashtags: ['biniau'],
      mentions: ['cyngor@gov.example', 'local@social.example'],
      replyTo: 'social.example:113024470000000000',
    });
  });

  it('qualifies local accounts with the instance’s domain, which may differ from its host', () => {
    const read = readStatus(status(), { ...context, instanceHost: 'mastodon.social.example', domain: 'social.example' });
    assert.equal(read.kind === 'mention' && read.mention.authorHandle, 'eirlys@social.example');
    assert.equal(read.kind === 'mention' && read.mention.externalId, 'mastodon.social.example:113024470216546213');
  });

  it('puts the content warning before the text, falls back to the uri, and ignores parts of the wrong shape', () => {
    const read = readStatus(status({ spoiler_text: 'Complaint', url: null, language: 'not a language!', in_reply_to_id: null, tags: 'oops', mentions: [null, { acct: 7 }] }, { display_name: '' }), context);
    assert.ok(read.kind === 'mention');
    assert.ok(read.mention.text.startsWith('Complaint Diolch'));
    assert.equal(read.mention.url, 'https://social.example/users/eirlys/statuses/113024470216546213');
    assert.equal(read.mention.declaredLanguage, null);
    assert.equal(read.mention.authorName, null);
    assert.equal(read.mention.replyTo, null);
    assert.deepEqual(read.mention.hashtags, []);
    assert.deepEqual(read.mention.mentions, []);
  });

  it('never keeps a url that is not http(s)', () => {
    const read = readStatus(status({ url: 'javascript:alert(1)', uri: 'tag:social.example,2026:1' }), context);
    assert.equal(read.kind === 'mention' && read.mention.url, null);
  });

  it('cuts very long text to the limit', () => {
    const read = readStatus(status({ content: `<p>${'a'.repeat(50)}</p>` }), { ...context, maxTextLength: 10 });
    assert.equal(read.kind === 'mention' && read.mention.text, 'aaaaaaaaaa');
  });

  it('skips accounts that opted out of indexing unless the source includes them', () => {
    assert.deepEqual(readStatus(status({}, { indexable: false }), context), { kind: 'skipped', id: '113024470216546213', reason: 'opted-out' });
    assert.equal(readStatus(status({}, { noindex: true, indexable: undefined }), context).kind, 'skipped');
    assert.equal(readStatus(status({}, { indexable: false }), { ...context, includeOptedOut: true }).kind, 'mention');
    assert.equal(hasOptedOut({}), false, 'older servers that say nothing have not opted out');
    assert.equal(hasOptedOut({ noindex: null, indexable: null }), false);
  });

  it('skips reblogs and statuses that are not public', () => {
    assert.equal(readStatus(status({ reblog: status() }), context).kind, 'skipped');
    assert.deepEqual(readStatus(status({ visibility: 'direct' }), context), { kind: 'skipped', id: '113024470216546213', reason: 'not-public' });
    assert.equal(readStatus(status({ visibility: 'unlisted' }), context).kind, 'mention');
  });

  it('says why a status cannot be read, with its id when it has one', () => {
    assert.deepEqual(readStatus(status({ created_at: 'yesterday' }), context), { kind: 'invalid', id: '113024470216546213', problem: 'created_at: is not a date and time' });
    const noContent = readStatus(status({ content: 5 }), context);
    assert.equal(noContent.kind, 'invalid');
    assert.equal(readStatus(status({}, { acct: '' }), context).kind, 'invalid');
    assert.deepEqual(readStatus(status({ id: 'x'.repeat(50) }), context), { kind: 'invalid', id: null, problem: 'id: is not a status id' });
    assert.deepEqual(readStatus('hello', context), { kind: 'invalid', id: null, problem: 'the status: Invalid input: expected object, received string' });
    assert.equal(readStatus(null, context).kind, 'invalid');
  });
});
