import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { testDialects } from '../../test/support/test-databases.js';
import { listAuditEvents, type Actor } from '../platform/audit/audit-log.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { AppError, type Problem } from '../platform/errors/app-error.js';
import { parsePolicyText, type BasePolicy } from './policy-file.js';
import { loadEffectivePolicy, policyCacheMs, readPolicyState, resetPolicy, savePolicy } from './policy-store.js';
import { defaultPolicy } from './policy.js';

const ada: Actor = { type: 'user', id: 'u-ada', label: 'ada@example.gov.uk' };
const fileText = '{ "severities": { "welsh": "high" } }';
const fromFile: BasePolicy = { policy: parsePolicyText(fileText), file: '/etc/parley/policy.json', text: fileText };
const edited = '{\n  "$comment": "tone off during the flood response",\n  "severities": { "tone": "off" },\n  "routing": { "defaultTrust": "trusted" }\n}';

async function problemsOf(promise: Promise<unknown>): Promise<readonly Problem[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') return error.problems;
    throw error;
  }
  assert.fail('the policy was saved');
}

for (const dialect of testDialects()) {
  describe(`the guidance policy store on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());
    beforeEach(() => resetPolicy(handle.db, ada, fromFile));

    const events = async () => (await listAuditEvents(handle.db, { action: 'guidance.policy' })).map((e) => [e.action, e.actor.label, e.details]);

    it('uses the file, else the default, while no admin has saved a policy', async () => {
      assert.equal(await loadEffectivePolicy(handle.db, fromFile.policy), fromFile.policy);
      assert.equal(await loadEffectivePolicy(handle.db), defaultPolicy);
      const state = await readPolicyState(handle.db, fromFile);
      assert.deepEqual([state.source, state.file, state.text, state.stored], ['file', '/etc/parley/policy.json', fileText, undefined]);
      const fallback = await readPolicyState(handle.db);
      assert.equal(fallback.source, 'default');
      assert.deepEqual(JSON.parse(fallback.text), JSON.parse(JSON.stringify({ ...defaultPolicy.rules, severities: {}, preElectionPeriods: [], routing: defaultPolicy.routing })));
    });

    it('saves a policy as written, which then applies over the file, audited with the keys it changed', async () => {
      const state = await savePolicy(handle.db, ada, edited, fromFile);
      assert.equal(state.source, 'edited');
      const policy = await loadEffectivePolicy(handle.db, fromFile.policy);
      assert.deepEqual(policy.severities, { tone: 'off' });
      assert.equal(policy.routing.defaultTrust, 'trusted');
      const read = await readPolicyState(handle.db, fromFile);
      assert.equal(read.text, edited, 'kept as written, with its note and layout');
      assert.equal(read.stored?.updatedBy, 'ada@example.gov.uk');
      assert.ok(Math.abs(Date.parse(read.stored.updatedAt) - Date.now()) < 60_000);
      const saved = (await events())[0];
      assert.deepEqual(saved, ['guidance.policy_saved', 'ada@example.gov.uk', { replaced: 'file', changed: ['routing', 'severities'] }]);
    });

    it('records what a second save changes against the first', async () => {
      await savePolicy(handle.db, ada, edited, fromFile);
      await savePolicy(handle.db, ada, edited.replace('"tone": "off"', '"tone": "off", "links": "high"'), fromFile);
      await savePolicy(handle.db, ada, '{"severities": {"tone": "off", "links": "high"}, "routing": {"defaultTrust": "trusted"}, "links": {"allowedHosts": ["example.gov.uk"]}}', fromFile);
      const [third, second] = await events();
      assert.deepEqual(second?.[2], { replaced: 'edited', changed: ['severities'] });
      assert.deepEqual(third?.[2], { replaced: 'edited', changed: ['links'] });
    });

    it('refuses an invalid policy with every problem by its JSON path, saving and recording nothing', async () => {
      await savePolicy(handle.db, ada, edited, fromFile);
      const before = await events();
      const problems = await problemsOf(savePolicy(handle.db, ada, '{"severities": {"tone": "loud"}, "political": {"parties": [42]}, "routing": {"defaultTrust": "everyone"}}', fromFile));
      assert.deepEqual(problems.map((p) => p.path).sort(), ['political.parties[0]', 'routing.defaultTrust', 'severities.tone']);
      assert.ok(problems.every((p) => p.message !== ''));
      const notJson = await problemsOf(savePolicy(handle.db, ada, '{"severities": {"tone": "off",}}', fromFile));
      assert.equal(notJson.length, 1);
      assert.match(notJson[0]?.message ?? '', /^the policy is not valid JSON at line 1, column 31/);
      assert.deepEqual((await problemsOf(savePolicy(handle.db, ada, '[]', fromFile))).map((p) => p.path), ['']);
      assert.equal((await readPolicyState(handle.db, fromFile)).text, edited);
      assert.deepEqual(await events(), before);
    });

    it('resets to the file or default, audited, and does nothing when there is nothing to reset', async () => {
      await savePolicy(handle.db, ada, edited, fromFile);
      assert.equal(await resetPolicy(handle.db, ada, fromFile), true);
      assert.equal(await loadEffectivePolicy(handle.db, fromFile.policy), fromFile.policy);
      assert.equal((await readPolicyState(handle.db, fromFile)).source, 'file');
      assert.deepEqual((await events())[0], ['guidance.policy_reset', 'ada@example.gov.uk', { to: 'file', changed: ['routing', 'severities'] }]);
      const count = (await events()).length;
      assert.equal(await resetPolicy(handle.db, ada, fromFile), false);
      assert.equal((await events()).length, count);
      await savePolicy(handle.db, ada, '{"severities": {"welsh": "high"}}');
      await resetPolicy(handle.db, ada);
      assert.deepEqual((await events())[0]?.[2], { to: 'default', changed: ['severities'] });
    });

    it('keeps the policy in memory, seeing another process’s save within the cache time', async () => {
      const now = Date.now();
      assert.equal(await loadEffectivePolicy(handle.db, defaultPolicy, now), defaultPolicy);
      // Another process saves: a write straight to the table, as this process's cache does not see it.
      await handle.db.insertInto('guidance_policy').values({ id: 1, document: edited, updated_by_id: null, updated_by_label: 'other process', updated_at: new Date(now).toISOString() }).execute();
      assert.equal(await loadEffectivePolicy(handle.db, defaultPolicy, now + 1_000), defaultPolicy, 'still the cached policy');
      const later = await loadEffectivePolicy(handle.db, defaultPolicy, now + policyCacheMs);
      assert.equal(later.routing.defaultTrust, 'trusted');
      assert.equal(await loadEffectivePolicy(handle.db, defaultPolicy, now + 2 * policyCacheMs), later, 'an unchanged document keeps its policy object');
    });

    it('falls back to the file when the saved policy no longer validates, and says why', async () => {
      await savePolicy(handle.db, ada, edited, fromFile);
      await handle.db.updateTable('guidance_policy').set({ document: '{"tone": {"retired": true}}' }).execute();
      const state = await readPolicyState(handle.db, fromFile);
      assert.equal(state.source, 'file');
      assert.equal(state.policy, fromFile.policy);
      assert.equal(state.text, '{"tone": {"retired": true}}');
      assert.deepEqual(state.stored?.problems, ['tone.retired: unknown setting']);
      assert.equal(await loadEffectivePolicy(handle.db, fromFile.policy, Date.now() + 2 * policyCacheMs), fromFile.policy);
    });
  });
}
