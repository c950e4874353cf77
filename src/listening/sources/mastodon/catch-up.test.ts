import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../../../test/fakes/mastodon-server.js';
import type { IngestBatch, IngestOutcome } from '../../ingest/ingest-batch.js';
import { catchUp, fetchTimelinePage, prevPageId } from './catch-up.js';
import { createMastodonClient, type MastodonClient } from './mastodon-client.js';
import { createStatusDelivery } from './status-delivery.js';
import { timelineFeeds } from './timeline-feeds.js';

const outcome: IngestOutcome = { received: 0, stored: 0, created: 0, updated: 0, sightings: 0, deleted: 0 };

describe('REST catch-up', () => {
  let server: MastodonServer;
  let client: MastodonClient;
  before(async () => {
    server = await startMastodonServer();
    client = createMastodonClient({ instanceUrl: server.origin, token: undefined, signal: new AbortController().signal, timeoutMs: 60_000, network: { allowPrivate: true } });
  });
  after(() => server.close());

  it('reads the id a Link header’s previous page starts after', () => {
    assert.equal(prevPageId('<https://s.example/api/v1/timelines/public?max_id=10>; rel="next", <https://s.example/api/v1/timelines/public?min_id=42>; rel="prev"'), '42');
    assert.equal(prevPageId('<https://s.example/x?since_id=7>; rel=prev'), '7');
    assert.equal(prevPageId('<https://s.example/x?max_id=10>; rel="next"'), null);
    assert.equal(prevPageId('<https://s.example/x?min_id=%20drop%20table>; rel="prev"'), null);
    assert.equal(prevPageId(null), null);
  });

  it('treats a hashtag nobody has used as an empty page', async () => {
    const [feed] = timelineFeeds({ timeline: 'none', hashtags: ['neverused'] });
    assert.ok(feed);
    assert.deepEqual(await fetchTimelinePage(client, feed, null, 40), { statuses: [], reached: null });
  });

  it('starts a new feed from its newest page, then pages forward from the since_id, oldest first, one batch a page', async () => {
    const feeds = timelineFeeds({ timeline: 'none', hashtags: ['catchup'] });
    const first = [1, 2, 3].map((n) => String(server.post({ account: { username: 'a' }, text: `old ${n} #catchup` }).id));
    const batches: IngestBatch[] = [];
    const deliver = (batch: IngestBatch): Promise<IngestOutcome> => { batches.push(batch); return Promise.resolve(outcome); };
    const delivery = createStatusDelivery({ deliver }, { instanceHost: client.host, domain: 'social.example', includeOptedOut: false, maxTextLength: 1000 }, new Map());
    await catchUp(client, feeds, delivery, { pageSize: 2, maxCatchUpPages: 10 });
    assert.deepEqual(batches.map((b) => b.mentions.map((m) => m.text)), [['old 2 #catchup', 'old 3 #catchup']], 'a new source starts from the newest page only');
    assert.equal(delivery.sinceId('tag:catchup'), first[2]);

    const later = [4, 5, 6, 7, 8].map((n) => String(server.post({ account: { username: 'a' }, text: `new ${n} #catchup` }).id));
    batches.length = 0;
    await catchUp(client, feeds, delivery, { pageSize: 2, maxCatchUpPages: 10 });
    assert.deepEqual(batches.map((b) => b.mentions.map((m) => m.text.replace(' #catchup', ''))), [['new 4', 'new 5'], ['new 6', 'new 7'], ['new 8']]);
    assert.deepEqual(batches.map((b) => b.state), [later[1], later[3], later[4]].map((id) => ({ instance: client.host, sinceIds: { 'tag:catchup': id } })));
    assert.deepEqual(server.requests.filter((r) => r.path === '/api/v1/timelines/tag/catchup').map((r) => r.query.get('min_id')), [null, first[2], later[1], later[3]]);
  });

  it('moves past statuses it cannot read, using the Link header', async () => {
    const feeds = timelineFeeds({ timeline: 'none', hashtags: ['broken'] });
    const good = String(server.post({ account: { username: 'a' }, text: 'fine #broken' }).id);
    const batches: IngestBatch[] = [];
    const delivery = createStatusDelivery({ deliver: (batch) => { batches.push(batch); return Promise.resolve(outcome); } }, { instanceHost: client.host, domain: 'social.example', includeOptedOut: false, maxTextLength: 1000 }, new Map([['tag:broken', '1']]));
    const bad = server.addRaw({ content: 'no id, no date' }, ['broken']);
    await catchUp(client, feeds, delivery, { pageSize: 40, maxCatchUpPages: 10 });
    const [batch] = batches;
    assert.ok(batch);
    assert.equal(batch.malformed, 1);
    assert.deepEqual(batch.mentions.map((m) => m.externalId), [`${client.host}:${good}`]);
    assert.equal(delivery.sinceId('tag:broken'), bad);
  });

  it('stops after the most pages it may read in one go', async () => {
    const feeds = timelineFeeds({ timeline: 'none', hashtags: ['many'] });
    for (let n = 0; n < 6; n += 1) server.post({ account: { username: 'a' }, text: `many ${n} #many` });
    let delivered = 0;
    const delivery = createStatusDelivery({ deliver: (batch) => { delivered += batch.mentions.length; return Promise.resolve(outcome); } }, { instanceHost: client.host, domain: 'social.example', includeOptedOut: false, maxTextLength: 1000 }, new Map([['tag:many', '1']]));
    await catchUp(client, feeds, delivery, { pageSize: 2, maxCatchUpPages: 2 });
    assert.equal(delivered, 4);
  });
});
