import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { type Actor, listAuditEvents, recordAudit, verifyAuditChain } from './audit-log.js';

const alice: Actor = { type: 'user', id: 'u1', label: 'alice@example.gov.uk' };
const cli: Actor = { type: 'system', label: 'cli' };

for (const dialect of testDialects()) {
  describe(`audit log on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await dialect.open();
      const { db } = handle;
      await db.transaction().execute((trx) => recordAudit(trx, alice, { action: 'user.sign-in' }, new Date('2026-11-01T09:00:00Z')));
      await db.transaction().execute((trx) => recordAudit(trx, cli, { action: 'user.created', subjectType: 'user', subjectId: 'u2', details: { roles: ['officer'] } }, new Date('2026-11-02T10:00:00Z')));
      await db.transaction().execute((trx) => recordAudit(trx, alice, { action: 'user.sign-out' }, new Date('2026-11-03T11:00:00Z')));
    });
    after(() => handle.close());

    it('chains events and verifies an intact log', async () => {
      assert.deepEqual(await verifyAuditChain(handle.db), { ok: true, events: 3 });
      assert.deepEqual(await verifyAuditChain(handle.db, 2), { ok: true, events: 3 });
    });

    it('filters by actor, action and date, newest first', async () => {
      const byAlice = await listAuditEvents(handle.db, { actor: 'ALICE' });
      assert.deepEqual(byAlice.map((e) => e.action), ['user.sign-out', 'user.sign-in']);
      const created = await listAuditEvents(handle.db, { action: 'user.created' });
      assert.equal(created.length, 1);
      assert.deepEqual(created[0]?.details, { roles: ['officer'] });
      assert.deepEqual(created[0].actor, cli);
      const onSecond = await listAuditEvents(handle.db, { from: '2026-11-02', to: '2026-11-02' });
      assert.deepEqual(onSecond.map((e) => e.seq), [2]);
      const page = await listAuditEvents(handle.db, { before: 3, limit: 1 });
      assert.deepEqual(page.map((e) => e.seq), [2]);
    });

    it('refuses updates and deletes', async () => {
      await assert.rejects(() => handle.db.updateTable('audit_events').set({ action: 'x' }).where('seq', '=', 1).execute(), /append-only/);
      await assert.rejects(() => handle.db.deleteFrom('audit_events').where('seq', '=', 1).execute(), /append-only/);
    });

    it('names the first broken link when someone with database access tampers with it', async () => {
      if (dialect.name === 'postgres') {
        await sql`alter table audit_events disable trigger audit_events_no_change`.execute(handle.db);
      } else {
        await sql`drop trigger audit_events_no_update`.execute(handle.db);
      }
      await handle.db.updateTable('audit_events').set({ details: '{"roles":["admin"]}' }).where('seq', '=', 2).execute();
      const result = await verifyAuditChain(handle.db);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.brokenAt, 2);
      assert.equal(result.events, 1);
      assert.match(result.reason, /event 2 was changed/);
    });
  });
}
