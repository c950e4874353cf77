import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { listAuditEvents } from '../audit/audit-log.js';
import { createApiToken, authenticateApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { changeOwnPassword, createUser } from './users.js';
import { createSession, loadSession, purgeExpiredSessions } from './sessions.js';
import { signIn } from './sign-in.js';
import type { User } from './users-repository.js';

const client = { ip: '192.0.2.10', userAgent: 'test' };
const policy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const fastThrottle = { accountFreeFailures: 2, ipFreeFailures: 5, baseDelayMs: 60_000, maxDelayMs: 600_000, forgetAfterMs: 3_600_000 };

for (const dialect of testDialects()) {
  describe(`sign-in, sessions and tokens on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let user: User;
    let password: string;
    before(async () => {
      handle = await dialect.open();
      ({ user, oneTimePassword: password } = await createUser(handle.db, { type: 'system', label: 'test' }, { email: 'ann@example.gov.uk', name: 'Ann', roles: ['officer'] }));
    });
    after(() => handle.close());

    it('signs in with the right password, audited, with a fresh 256-bit session id', async () => {
      const outcome = await signIn(handle.db, { email: 'ANN@example.gov.uk', password, ...client });
      assert.ok(outcome.ok);
      assert.match(outcome.sessionId, /^[A-Za-z0-9_-]{43}$/);
      const session = await loadSession(handle.db, outcome.sessionId, policy);
      assert.equal(session?.user.email, 'ann@example.gov.uk');
      const stored = await handle.db.selectFrom('sessions').select('id_hash').execute();
      assert.ok(stored.every((s) => s.id_hash !== outcome.sessionId), 'only a hash of the id is stored');
      const [event] = await listAuditEvents(handle.db, { action: 'user.sign-in', limit: 1 });
      assert.equal(event?.actor.label, 'ann@example.gov.uk');
    });

    it('fails the same way for a wrong password and an unknown account, and audits both', async () => {
      assert.deepEqual(await signIn(handle.db, { email: 'ann@example.gov.uk', password: 'wrong password', ...client }), { ok: false, reason: 'invalid' });
      assert.deepEqual(await signIn(handle.db, { email: 'nobody@example.gov.uk', password: 'wrong password', ...client }), { ok: false, reason: 'invalid' });
      const failures = await listAuditEvents(handle.db, { action: 'user.sign-in-failed' });
      assert.deepEqual(failures.map((e) => e.details.reason), ['unknown account', 'wrong password']);
    });

    it('throttles an account after repeated failures, even with the right password, and tells how long', async () => {
      const { user: ben, oneTimePassword } = await createUser(handle.db, { type: 'system', label: 'test' }, { email: 'ben@example.gov.uk', name: 'Ben', roles: ['officer'] });
      const other = { ip: '198.51.100.7', userAgent: 'test' };
      for (let i = 0; i < 3; i += 1) await signIn(handle.db, { email: ben.email, password: 'guess', ...other }, fastThrottle);
      const outcome = await signIn(handle.db, { email: ben.email, password: oneTimePassword, ...other }, fastThrottle);
      assert.ok(!outcome.ok && outcome.reason === 'throttled');
      assert.ok(outcome.retryAfterSeconds > 0 && outcome.retryAfterSeconds <= 60);
      const unknown = await signIn(handle.db, { email: 'ghost@example.gov.uk', password: 'guess', ip: '203.0.113.1', userAgent: 't' }, fastThrottle);
      assert.deepEqual(unknown, { ok: false, reason: 'invalid' }, 'another account from another address is not throttled');
    });

    it('throttles an address that tries many accounts', async () => {
      const attacker = { ip: '203.0.113.66', userAgent: 'bot' };
      for (let i = 0; i < 6; i += 1) await signIn(handle.db, { email: `victim${i}@example.gov.uk`, password: 'guess', ...attacker }, fastThrottle);
      const outcome = await signIn(handle.db, { email: 'ann@example.gov.uk', password, ...attacker }, fastThrottle);
      assert.equal(outcome.ok ? 'ok' : outcome.reason, 'throttled');
    });

    it('ends sessions past the idle or absolute limit', async () => {
      const start = new Date('2026-11-21T09:00:00Z');
      const s = await createSession(handle.db, user.id, client, start);
      assert.ok(await loadSession(handle.db, s.id, policy, new Date(start.getTime() + 29 * 60_000)));
      assert.ok(await loadSession(handle.db, s.id, policy, new Date(start.getTime() + 58 * 60_000)), 'activity keeps it alive');
      assert.equal(await loadSession(handle.db, s.id, policy, new Date(start.getTime() + 90 * 60_000)), undefined, 'idle too long');
      const t = await createSession(handle.db, user.id, client, start);
      let now = start.getTime();
      while (now < start.getTime() + 12 * 3_600_000) {
        now += 20 * 60_000;
        const alive = await loadSession(handle.db, t.id, policy, new Date(now));
        if (now - start.getTime() > 12 * 3_600_000) assert.equal(alive, undefined, 'absolute limit');
        else assert.ok(alive);
      }
      await createSession(handle.db, user.id, client, start);
      assert.ok((await purgeExpiredSessions(handle.db, policy, new Date(start.getTime() + 13 * 3_600_000))) >= 1);
    });

    it('changes a password, keeping only the current session', async () => {
      const keep = await createSession(handle.db, user.id, client);
      const other = await createSession(handle.db, user.id, client);
      const keepSession = await loadSession(handle.db, keep.id, policy);
      assert.ok(keepSession);
      await assert.rejects(() => changeOwnPassword(handle.db, user, { currentPassword: 'nope', newPassword: 'password1', confirmPassword: 'password2' }, keep.idHash), (error: unknown) => {
        assert.ok(error instanceof Error && 'problems' in error && Array.isArray(error.problems));
        assert.deepEqual(error.problems.map((p: { path: string }) => p.path), ['currentPassword', 'newPassword', 'confirmPassword']);
        return true;
      });
      await changeOwnPassword(handle.db, user, { currentPassword: password, newPassword: 'a long and memorable phrase', confirmPassword: 'a long and memorable phrase' }, keep.idHash);
      assert.ok(await loadSession(handle.db, keep.id, policy));
      assert.equal(await loadSession(handle.db, other.id, policy), undefined);
      const outcome = await signIn(handle.db, { email: user.email, password: 'a long and memorable phrase', ip: '192.0.2.99', userAgent: 't' });
      assert.ok(outcome.ok && !outcome.user.mustChangePassword);
    });

    it('issues API tokens stored as hashes, authenticates them, and revokes them, audited', async () => {
      const actor = { type: 'system', label: 'cli' } as const;
      const { info, token } = await createApiToken(handle.db, actor, user.id, { name: 'reporting script' });
      assert.match(token, /^parley_[A-Za-z0-9_-]{43}$/);
      assert.equal((await authenticateApiToken(handle.db, token))?.id, user.id);
      assert.equal(await authenticateApiToken(handle.db, `${token}x`), undefined);
      const rows = await handle.db.selectFrom('api_tokens').select('token_hash').execute();
      assert.ok(rows.every((r) => !r.token_hash.includes(token)));
      await revokeApiToken(handle.db, actor, info.id);
      assert.equal(await authenticateApiToken(handle.db, token), undefined);
      assert.ok((await listApiTokens(handle.db, user.id))[0]?.revokedAt);
      const actions = (await listAuditEvents(handle.db, { action: 'token.' })).map((e) => e.action);
      assert.deepEqual(actions, ['token.revoked', 'token.created']);
    });
  });
}
