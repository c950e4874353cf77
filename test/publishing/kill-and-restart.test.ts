import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { openStorage } from '../../src/app.js';
import { activeChannel, caseFor, replyPeople } from '../../src/engagement/replies/reply-fixtures.js';
import { findReply } from '../../src/engagement/replies/reply-repository.js';
import { draftCaseReply, submitReply } from '../../src/engagement/replies/replies.js';
import { startMastodonServer, waitUntil } from '../fakes/mastodon-server.js';

const worker = fileURLToPath(new URL('publish-worker.ts', import.meta.url));

function startWorker(dataDir: string): { child: ChildProcess & { stderr: NonNullable<ChildProcess['stderr']> }; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { child, output: () => output };
}

describe('publishing when the worker is killed between sending and recording', () => {
  it('publishes the reply once: the next worker finds it on the platform instead of sending it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-publish-kill-'));
    const mastodon = await startMastodonServer();
    const storage = await openStorage({ dataDir, databaseUrl: undefined });
    try {
      const { teamId, olwen } = await replyPeople(storage.db);
      await activeChannel(storage.db, teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'Has my payment gone out?' });
      const caseId = await caseFor(storage.db, olwen, teamId, { sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: 'Has my payment gone out?' });
      const draft = await draftCaseReply(storage.db, olwen, caseId, { text: 'Yes, it went out this morning.', language: 'en' });
      await submitReply(storage.db, olwen, draft.id);
      // The instance makes the status but never answers, and the worker is killed while it waits.
      mastodon.holdAnswerNext('/api/v1/statuses');
      const first = startWorker(dataDir);
      await waitUntil(() => mastodon.published.length === 1, 'the first worker to send the reply');
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      assert.equal((await findReply(storage.db, draft.id))?.state, 'publishing', 'the attempt was recorded before sending, its outcome never');

      mastodon.forgetIdempotencyKeys(); // as after an hour: only asking the platform can tell it was sent
      const second = startWorker(dataDir);
      try {
        await waitUntil(async () => (await findReply(storage.db, draft.id))?.state === 'published', 'the second worker to settle the reply');
      } catch (error) {
        throw new Error(`${String(error)}; the worker said: ${second.output()}`, { cause: error });
      } finally {
        second.child.kill('SIGTERM');
        await once(second.child, 'exit');
      }
      assert.equal(mastodon.published.length, 1, 'nothing went out twice');
      const reply = await findReply(storage.db, draft.id);
      assert.equal(reply?.platformId, String(mastodon.published[0]?.status.id));
    } finally {
      await storage.close();
      await mastodon.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
