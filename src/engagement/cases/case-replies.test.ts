import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { mentionInput } from '../../listening/mentions/mention-fixtures.js';
import { storeMention } from '../../listening/mentions/mention-store.js';
import { createTeam } from '../../platform/auth/teams.js';
import { openCaseFromMention } from './case-actions.js';
import { markCaseAnswered } from './case-replies.js';
import { findCase } from './case-repository.js';

for (const dialect of testDialects()) {
  describe(`answering a case on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    before(async () => { storage = await dialect.open(); });
    after(() => storage.close());

    it('measures first response and resolution in working minutes on the calendar, and keeps the first response', async () => {
      const { db } = storage;
      const teamId = (await createTeam(db, { type: 'system', label: 'test' }, { name: 'Libraries' })).id;
      const { id: mentionId } = await db.transaction().execute((trx) => storeMention(trx, mentionInput({ text: 'Is the library open?' })));
      const opened = await openCaseFromMention(db, { type: 'user', id: 'nobody', label: 'test' }, mentionId, teamId);
      const caseId = opened.id;
      // Friday 20 November 2026, 16:00 in London (GMT); answered Monday 23 November, 10:00: an hour on each working day.
      await db.updateTable('cases').set({ opened_at: '2026-11-20T16:00:00.000Z' }).where('id', '=', caseId).execute();
      await db.transaction().execute((trx) => markCaseAnswered(trx, { type: 'system', label: 'test' }, caseId, new Date('2026-11-23T10:00:00.000Z'), 'reply-1'));
      const row = await db.selectFrom('cases').select(['first_response_minutes', 'resolution_minutes', 'status', 'is_open']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { first_response_minutes: 120, resolution_minutes: 120, status: 'answered', is_open: 0 });
      await db.transaction().execute((trx) => markCaseAnswered(trx, { type: 'system', label: 'test' }, caseId, new Date('2026-11-24T09:30:00.000Z'), 'reply-2'));
      const again = await db.selectFrom('cases').select(['first_response_minutes', 'resolution_minutes']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual(again, { first_response_minutes: 120, resolution_minutes: 570 });
      assert.equal((await findCase(db, caseId))?.firstResponseAt, '2026-11-23T10:00:00.000Z');
    });
  });
}
