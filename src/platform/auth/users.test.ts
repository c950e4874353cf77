import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { type Actor, listAuditEvents, verifyAuditChain } from '../audit/audit-log.js';
import { AppError } from '../errors/app-error.js';
import { createTeam, listTeams } from './teams.js';
import { createSession, loadSession } from './sessions.js';
import { createUser, disableUser, enableUser, ensureFirstAdmin, updateUser } from './users.js';
import { listUsers } from './users-repository.js';

/** Matches an AppError whose first problem is at this path with this message. */
function problem(path: string, message: string) {
  return (error: unknown) => error instanceof AppError && error.problems[0]?.path === path && error.problems[0].message === message;
}

const policy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

for (const dialect of testDialects()) {
  describe(`accounts on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let admin: Actor;
    before(async () => {
      handle = await dialect.open();
      const password = await ensureFirstAdmin(handle.db, 'admin@example.gov.uk');
      assert.match(password ?? '', /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
      const [first] = await listUsers(handle.db);
      assert.ok(first);
      admin = { type: 'user', id: first.id, label: first.email };
    });
    after(() => handle.close());

    it('makes the first admin only once', async () => {
      assert.equal(await ensureFirstAdmin(handle.db, 'other@example.gov.uk'), undefined);
      const users = await listUsers(handle.db);
      assert.deepEqual(users.map((u) => [u.email, u.roles, u.mustChangePassword]), [['admin@example.gov.uk', ['admin'], true]]);
    });

    it('creates teams and users with roles, audited', async () => {
      const team = await createTeam(handle.db, admin, { name: 'Benefits service' });
      const { user, oneTimePassword } = await createUser(handle.db, admin, { email: ' Olu.Officer@Example.gov.uk ', name: 'Olu Officer', roles: ['officer', 'reviewer'], teamId: team.id });
      assert.equal(user.email, 'olu.officer@example.gov.uk');
      assert.deepEqual(user.roles, ['officer', 'reviewer']);
      assert.equal(user.teamName, 'Benefits service');
      assert.equal(oneTimePassword.length, 24);
      const [event] = await listAuditEvents(handle.db, { action: 'user.created', limit: 1 });
      assert.equal(event?.subjectId, user.id);
      assert.deepEqual(event.details['roles'], ['officer', 'reviewer']);
      assert.deepEqual((await listTeams(handle.db)).map((t) => [t.name, t.members]), [['Benefits service', 1]]);
    });

    it('names each problem with a new user', async () => {
      await assert.rejects(() => createUser(handle.db, admin, { email: 'not-an-email', name: '', roles: ['wizard'] }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.problems.map((p) => p.path).sort(), ['email', 'name', 'roles.0']);
        return true;
      });
      await assert.rejects(() => createUser(handle.db, admin, { email: 'OLU.officer@example.gov.uk', name: 'Again', roles: ['officer'] }), problem('email', 'An account with this email address already exists'));
      await assert.rejects(() => createTeam(handle.db, admin, { name: 'benefits SERVICE' }), problem('name', 'A team called benefits SERVICE already exists'));
    });

    it('changes roles with the change recorded', async () => {
      const { user } = await createUser(handle.db, admin, { email: 'rhi@example.gov.uk', name: 'Rhian Reviewer', roles: ['officer'] });
      const updated = await updateUser(handle.db, admin, user.id, { roles: ['reviewer', 'head-of-digital'] });
      assert.deepEqual(updated.roles, ['head-of-digital', 'reviewer']);
      const [event] = await listAuditEvents(handle.db, { action: 'user.updated', limit: 1 });
      assert.deepEqual(event?.details, { roles: { from: ['officer'], to: ['head-of-digital', 'reviewer'] } });
      await assert.rejects(() => updateUser(handle.db, admin, admin.type === 'user' ? admin.id : '', { roles: ['officer'] }), problem('roles', 'You cannot remove your own admin role; ask another admin'));
    });

    it('disabling a user ends their sessions at once', async () => {
      const { user } = await createUser(handle.db, admin, { email: 'dai@example.gov.uk', name: 'Dai', roles: ['officer'] });
      const session = await createSession(handle.db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
      assert.ok(await loadSession(handle.db, session.id, policy));
      await disableUser(handle.db, admin, user.id);
      assert.equal(await loadSession(handle.db, session.id, policy), undefined);
      const [event] = await listAuditEvents(handle.db, { action: 'user.disabled', limit: 1 });
      assert.equal(event?.details.sessionsEnded, 1);
      await enableUser(handle.db, admin, user.id);
      assert.equal(await loadSession(handle.db, session.id, policy), undefined, 'an ended session stays ended');
      await assert.rejects(() => disableUser(handle.db, admin, admin.type === 'user' ? admin.id : ''), /own account/);
    });

    it('keeps the audit chain intact through all of it', async () => {
      const result = await verifyAuditChain(handle.db);
      assert.equal(result.ok, true);
    });
  });
}
