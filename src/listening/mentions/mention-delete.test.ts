import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../platform/audit/audit-log.js';
import { listAuditEvents } from '../../platform/audit/audit-log.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { deleteMention, deleteMentionsByExternalId, purgeMentionsOlderThan } from './mention-delete.js';
import { mentionInput, type MentionSpec } from './mention-fixtures.js';
import { getMention } from './mention-read.js';
import { storeMention } from './mention-store.js';
import { searchMentions } from './search.js';

const admin: Actor = { type: 'user', id: 'u-admin', label: 'admin@example.gov.uk' };

for (const dialect of testDialects()) {
  describe(`deleting mentions on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await dialect.open();
    });
    after(() => handle.close());

    const store = (spec: MentionSpec) => handle.db.transaction().execute((trx) => storeMention(trx, mentionInput(spec)));
    const found = async (text: string): Promise<string[]> =>
      (await searchMentions(handle.db, { text, sort: 'newest', limit: 50 })).mentions.map((m) => m.id);
    const rows = async (table: 'mention_sightings' | 'mention_watches', mentionId: string): Promise<number> => {
      const row = await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('mention_id', '=', mentionId).executeTakeFirstOrThrow();
      return row.n;
    };
    /** On SQLite the FTS5 index holds exactly one entry per stored mention (on PostgreSQL the vector is in the row). */
    const indexIsInStep = async (): Promise<void> => {
      if (dialect.name !== 'sqlite') return;
      const entries = await handle.db.selectFrom('mentions_fts').select('rowid').orderBy('rowid').execute();
      const mentions = await handle.db.selectFrom('mentions').select('seq').orderBy('seq').execute();
      assert.deepEqual(entries.map((e) => e.rowid), mentions.map((m) => m.seq));
      await sql`insert into mentions_fts(mentions_fts, rank) values ('integrity-check', 0)`.execute(handle.db);
    };

    it('deletes one mention on request, with its derived rows and search entry, and audits it', async () => {
      const link = 'https://council.example/consultation';
      const { id } = await store({ sourceId: 'rss', externalId: 'dp-1', text: 'Zebracrossing consultation response', links: [link], watchIds: ['w1', 'w2'] });
      await store({ sourceId: 'masto', externalId: 'dp-2', text: 'Zebracrossing consultation response', links: [link] });
      assert.equal(await rows('mention_sightings', id), 1);
      assert.deepEqual(await found('zebracrossing'), [id]);

      await deleteMention(handle.db, admin, id);
      assert.equal(await getMention(handle.db, id), undefined);
      assert.deepEqual(await found('zebracrossing'), []);
      assert.equal(await rows('mention_sightings', id), 0);
      assert.equal(await rows('mention_watches', id), 0);
      await indexIsInStep();
      const [event] = await listAuditEvents(handle.db, { action: 'mention.deleted' });
      assert.equal(event?.subjectId, id);
      assert.deepEqual(event.actor, admin);
      assert.deepEqual(event.details, { sourceId: 'rss', sourceKind: 'mastodon', sightings: 1 });
    });

    it('says when there is no such mention, and audits nothing', async () => {
      const before = (await listAuditEvents(handle.db)).length;
      await assert.rejects(() => deleteMention(handle.db, admin, 'missing'), (error) => error instanceof AppError && error.code === 'not_found');
      assert.equal((await listAuditEvents(handle.db)).length, before);
    });

    it('applies a platform delete to the stored item, or only to a sighting', async () => {
      const link = 'https://council.example/roadworks';
      const { id } = await store({ sourceId: 'bsky', externalId: 'at://x/1', text: 'Roadworksalert on the A470', links: [link] });
      await store({ sourceId: 'masto', externalId: 'rw-2', text: 'Roadworksalert on the A470', links: [link] });

      const sightingGone = await handle.db.transaction().execute((trx) => deleteMentionsByExternalId(trx, 'masto', 'rw-2'));
      assert.deepEqual(sightingGone, { mentions: 0, sightings: 1 });
      assert.deepEqual(await found('roadworksalert'), [id]);

      const mentionGone = await handle.db.transaction().execute((trx) => deleteMentionsByExternalId(trx, 'bsky', 'at://x/1'));
      assert.deepEqual(mentionGone, { mentions: 1, sightings: 0 });
      assert.deepEqual(await found('roadworksalert'), []);
      await indexIsInStep();
    });

    it('purges mentions older than the retention cutoff, per source or for all', async () => {
      for (let i = 0; i < 5; i += 1) {
        await store({ sourceId: 'old-a', text: `Retentiontest item ${i}`, createdAt: `2025-01-0${i + 1}T12:00:00.000Z` });
        await store({ sourceId: 'old-b', text: `Retentiontest item ${i}`, createdAt: `2025-01-0${i + 1}T12:00:00.000Z` });
      }
      assert.equal((await found('retentiontest')).length, 10);
      assert.equal(await purgeMentionsOlderThan(handle.db, 'old-a', '2025-01-03T00:00:00Z'), 2);
      assert.equal((await found('retentiontest')).length, 8);
      assert.equal(await purgeMentionsOlderThan(handle.db, null, '2025-01-04T00:00:00Z'), 4);
      assert.equal((await found('retentiontest')).length, 4);
      assert.equal(await purgeMentionsOlderThan(handle.db, null, '2025-01-04T00:00:00Z'), 0);
      await indexIsInStep();
      await assert.rejects(() => purgeMentionsOlderThan(handle.db, null, 'last year'), /cutoff is not a valid date/);
    });
  });
}
