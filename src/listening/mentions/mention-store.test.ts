import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { mentionInput, type MentionSpec } from './mention-fixtures.js';
import { getMention } from './mention-read.js';
import { storeMention } from './mention-store.js';
import { searchMentions } from './search.js';

const link = 'https://council.example/news/library-closed';

for (const dialect of testDialects()) {
  describe(`storing mentions on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await dialect.open();
    });
    after(() => handle.close());

    const store = (spec: MentionSpec) => handle.db.transaction().execute((trx) => storeMention(trx, mentionInput(spec)));
    const count = async (): Promise<number> => {
      const row = await handle.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return row.n;
    };
    const found = async (text: string, watchIds?: string[]): Promise<string[]> =>
      (await searchMentions(handle.db, { text, watchIds, sort: 'newest', limit: 50 })).mentions.map((m) => m.id);

    it('creates a mention with its watches and reads it back', async () => {
      const result = await store({ externalId: 'create-1', text: 'Swimming pool reopened', links: ['https://a.example/x'], hashtags: ['pool'], sentiment: 0.6, personalData: ['email'], watchIds: ['w1', 'w2', 'w1'] });
      assert.equal(result.outcome, 'created');
      const mention = await getMention(handle.db, result.id);
      assert.ok(mention);
      assert.equal(mention.text, 'Swimming pool reopened');
      assert.equal(mention.externalId, 'create-1');
      assert.deepEqual(mention.sentiment, { score: 0.6, label: 'positive' });
      assert.deepEqual(mention.personalDataKinds, ['email']);
      assert.deepEqual(mention.links, ['https://a.example/x']);
      assert.deepEqual(mention.hashtags, ['pool']);
      assert.deepEqual(mention.watchIds, ['w1', 'w2']);
      assert.deepEqual(mention.sightings, []);
      assert.equal(await getMention(handle.db, 'no-such-id'), undefined);
    });

    it('updates the stored mention when the same item comes again, search included', async () => {
      const first = await store({ externalId: 'edit-1', text: 'Potholes on Heol Fawr', watchIds: ['w1'] });
      const before = await count();
      const again = await store({ externalId: 'edit-1', text: 'Streetlights out on Heol Fawr', sentiment: -0.5, watchIds: ['w3'] });
      assert.deepEqual(again, { id: first.id, outcome: 'updated' });
      assert.equal(await count(), before);
      const mention = await getMention(handle.db, first.id);
      assert.equal(mention?.text, 'Streetlights out on Heol Fawr');
      assert.equal(mention.sentiment.label, 'negative');
      assert.deepEqual(mention.watchIds, ['w3']);
      assert.deepEqual(await found('potholes'), []);
      assert.deepEqual(await found('streetlights'), [first.id]);
      assert.deepEqual(await found('streetlights', ['w3']), [first.id]);
      assert.deepEqual(await found('streetlights', ['w1']), []);
    });

    it('keeps the same text from another source within a day as one mention with a sighting, counted once', async () => {
      const first = await store({ sourceId: 'rss-1', externalId: 'guid-1', text: 'Central library closed on Monday', links: [link], createdAt: '2026-11-20T09:00:00.000Z', watchIds: ['libraries'] });
      const before = await count();
      const seen = await store({
        sourceId: 'masto-1', sourceKind: 'mastodon', externalId: '1099', text: 'Central LIBRARY closed on Monday! https://council.example/news/library-closed',
        links: [`${link}?utm_source=mastodon`], createdAt: '2026-11-21T08:00:00.000Z', watchIds: ['closures'],
      });
      assert.deepEqual(seen, { id: first.id, outcome: 'sighting' });
      assert.equal(await count(), before);
      const mention = await getMention(handle.db, first.id);
      assert.deepEqual(mention?.sightings.map((s) => [s.sourceId, s.externalId, s.sourceKind]), [['masto-1', '1099', 'mastodon']]);
      assert.deepEqual(mention.watchIds, ['closures', 'libraries']);
      assert.deepEqual(await found('"central library"'), [first.id]);
      assert.deepEqual(await found('"central library"', ['closures']), [first.id]);

      const repeat = await store({ sourceId: 'masto-1', externalId: '1099', text: 'Central library closed on Monday', links: [link] });
      assert.deepEqual(repeat, { id: first.id, outcome: 'sighting' });
      assert.equal((await getMention(handle.db, first.id))?.sightings.length, 1);
    });

    it('keeps them apart from the same source, after a day, or without a link', async () => {
      const text = 'Leisure centre pool closed for repairs';
      const newsLink = 'https://council.example/news/pool';
      await store({ sourceId: 'rss-2', externalId: 'p-1', text, links: [newsLink], createdAt: '2026-11-20T09:00:00.000Z' });
      const sameSource = await store({ sourceId: 'rss-2', externalId: 'p-2', text, links: [newsLink], createdAt: '2026-11-20T10:00:00.000Z' });
      const nextWeek = await store({ sourceId: 'bsky-2', sourceKind: 'bluesky', externalId: 'p-3', text, links: [newsLink], createdAt: '2026-11-27T09:00:00.000Z' });
      const noLink = await store({ sourceId: 'bsky-2', sourceKind: 'bluesky', externalId: 'p-4', text, links: [], createdAt: '2026-11-20T09:30:00.000Z' });
      assert.deepEqual([sameSource.outcome, nextWeek.outcome, noLink.outcome], ['created', 'created', 'created']);
    });

    it('refuses a creation time that is not a date, or not one it can place', async () => {
      await assert.rejects(() => store({ createdAt: 'yesterday' }), /createdAt is not a valid date/);
      await assert.rejects(() => store({ createdAt: '9999-01-01T00:00:00Z' }), /createdAt must be between 1970 and 2199/);
    });
  });
}
