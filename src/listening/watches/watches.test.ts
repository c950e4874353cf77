import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { listAuditEvents, type Actor } from '../../platform/audit/audit-log.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { createMatcher } from '../query/matcher.js';
import { createWatchSync } from './watch-sync.js';
import { createWatch, deleteWatch, updateWatch } from './watches.js';
import { listWatches } from './watch-repository.js';

const actor: Actor = { type: 'system', label: 'test' };
const post = (text: string) => ({ id: 'p', text });

for (const dialect of testDialects()) {
  describe(`watches on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());

    it('refuses a watch whose query does not parse, naming line and column', async () => {
      await assert.rejects(() => createWatch(handle.db, actor, { name: 'Broken', query: 'benefits NEAR late' }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.problems[0]?.path, 'query');
        assert.match(error.problems[0].message, /^Line 1, column \d+: .*NEAR\/5/);
        return true;
      });
      await assert.rejects(() => createWatch(handle.db, actor, { name: '', query: '' }), (error: unknown) => error instanceof AppError && error.problems.length === 2);
    });

    it('keeps a live matcher in step with creates, edits, pauses and deletes', async () => {
      const matcher = createMatcher();
      const sync = createWatchSync(handle.db, matcher);
      const bins = await createWatch(handle.db, actor, { name: 'Bins', query: 'bins AND (missed OR late)', serviceArea: 'Waste' });
      const library = await createWatch(handle.db, actor, { name: 'Libraries', query: 'library closed' });
      assert.equal(await sync.refresh(), 2);
      assert.deepEqual(matcher.match(post('My bins were missed again')), [bins.id]);
      assert.deepEqual(matcher.match(post('The library is closed on Sunday')), [library.id]);

      await updateWatch(handle.db, actor, bins.id, { name: 'Bins', query: 'bins AND collection' });
      await updateWatch(handle.db, actor, library.id, { name: 'Libraries', query: 'library closed', status: 'paused' });
      assert.equal(await sync.refresh(), 2);
      assert.deepEqual(matcher.match(post('My bins were missed again')), []);
      assert.deepEqual(matcher.match(post('bins collection is late')), [bins.id]);
      assert.deepEqual(matcher.match(post('The library is closed on Sunday')), []);

      await deleteWatch(handle.db, actor, bins.id);
      assert.equal(await sync.refresh(), 1);
      assert.deepEqual(matcher.match(post('bins collection is late')), []);
      assert.equal(await sync.refresh(), 0, 'nothing changed since');
      assert.deepEqual((await listWatches(handle.db)).map((w) => [w.name, w.status]), [['Libraries', 'paused']]);
      const actions = (await listAuditEvents(handle.db, { action: 'watch.' })).map((e) => e.action);
      assert.deepEqual(actions, ['watch.deleted', 'watch.updated', 'watch.updated', 'watch.created', 'watch.created']);
    });

    it('a second process sees a change made by the first', async () => {
      const other = createMatcher();
      const otherSync = createWatchSync(handle.db, other);
      await otherSync.refresh();
      const roads = await createWatch(handle.db, actor, { name: 'Roads', query: 'pothole*' });
      await otherSync.refresh();
      assert.deepEqual(other.match(post('Another pothole on the A470')), [roads.id]);
    });
  });
}
