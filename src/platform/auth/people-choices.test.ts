import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import type { DatabaseHandle } from '../db/database.js';
import { peopleChoices, teamChoices } from './people-choices.js';
import { createTeam, renameTeam } from './teams.js';
import { createUser, disableUser } from './users.js';

const admin = { type: 'system', label: 'test' } as const;

for (const dialect of testDialects()) {
  describe(`people and team choices on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    before(async () => {
      storage = await dialect.open();
    });
    after(() => storage.close());

    it('are reused, and read again as soon as an account or a team changes', async () => {
      const { db } = storage;
      const team = await createTeam(db, admin, { name: 'Benefits' });
      assert.deepEqual((await teamChoices(db)).map((t) => t.name), ['Benefits']);
      await renameTeam(db, admin, team.id, { name: 'Benefits and pensions' });
      assert.deepEqual((await teamChoices(db)).map((t) => t.name), ['Benefits and pensions']);

      assert.deepEqual(await peopleChoices(db, ['officer']), []);
      const { user } = await createUser(db, admin, { email: 'olwen@example.gov.uk', name: 'Olwen', roles: ['officer'], teamId: team.id });
      assert.deepEqual(await peopleChoices(db, ['officer']), [{ id: user.id, name: 'Olwen', teamName: 'Benefits and pensions' }]);
      await disableUser(db, admin, user.id);
      assert.deepEqual(await peopleChoices(db, ['officer']), [], 'a disabled account is no longer offered');
    });
  });
}
