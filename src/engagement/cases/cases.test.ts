import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDialects } from '../../../test/support/test-databases.js';
import type { StoredMention } from '../../listening/ingest/stored-mention.js';
import { ingestBatch } from '../../listening/ingest/ingest-batch.js';
import { mentionInput, type MentionSpec } from '../../listening/mentions/mention-fixtures.js';
import { createMatcher } from '../../listening/query/matcher.js';
import { storeMention } from '../../listening/mentions/mention-store.js';
import { createWatch } from '../../listening/watches/watches.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import { createTeam } from '../../platform/auth/teams.js';
import { createUser } from '../../platform/auth/users.js';
import type { Database, DatabaseHandle } from '../../platform/db/database.js';
import { assignCase, openCaseFromMention, reopenCase, setCasePriority, setCaseTags, triageCase } from './case-actions.js';
import { openCasesFor, openCasesOnIngest } from './case-opening.js';
import { keptInboxCounts } from './inbox-counts.js';
import { presenceMarker, presenceOn, presenceRefreshMs } from './case-presence.js';
import { countInbox, findCase, listCases, type Viewer } from './case-repository.js';

const admin: Actor = { type: 'system', label: 'test' };

for (const dialect of testDialects()) {
  describe(`cases on ${dialect.name}`, () => {
    let storage: DatabaseHandle;
    let db: Kysely<Database>;
    let teamId: string;
    let officer: { id: string; teamId: string | null };
    let answerWatch: string;
    let listenWatch: string;

    before(async () => {
      storage = await dialect.open();
      db = storage.db;
      teamId = (await createTeam(db, admin, { name: 'Benefits' })).id;
      const { user } = await createUser(db, admin, { email: 'officer@example.gov.uk', name: 'Olwen Officer', roles: ['officer'], teamId });
      officer = { id: user.id, teamId: user.teamId };
      answerWatch = (await createWatch(db, admin, { name: 'Payments', query: 'payment', teamId, needsResponse: true })).id;
      listenWatch = (await createWatch(db, admin, { name: 'Mood', query: 'weather' })).id;
    });
    after(() => storage.close());

    /** Stores a mention as ingest does and hands it to the case opener, in one transaction. */
    async function ingest(spec: MentionSpec & { watchIds: readonly string[] }): Promise<{ stored: StoredMention; outcome: { opened: number; joined: number } }> {
      const input = mentionInput(spec);
      return db.transaction().execute(async (trx) => {
        const { id } = await storeMention(trx, input);
        const stored: StoredMention = {
          id, externalId: input.mention.externalId, sourceKind: input.mention.sourceKind, replyTo: input.mention.replyTo, language: input.enrichment.language,
          createdAt: input.mention.createdAt, watchIds: input.watchIds,
        };
        return { stored, outcome: await openCasesFor(trx, [stored]) };
      });
    }

    const caseOf = async (mentionId: string) => {
      const row = await db.selectFrom('case_mentions').select('case_id').where('mention_id', '=', mentionId).executeTakeFirst();
      return row ? findCase(db, row.case_id) : undefined;
    };
    const viewer = (): Viewer => ({ userId: officer.id, teamId: officer.teamId, now: new Date().toISOString(), soon: new Date(Date.now() + 4 * 3600_000).toISOString() });

    it('opens a case for a mention that matched a watch needing a response, and none for one that did not', async () => {
      const answered = await ingest({ watchIds: [listenWatch, answerWatch], text: 'Where is my payment?', language: 'cy' });
      assert.deepEqual(answered.outcome, { opened: 1, joined: 0 });
      const opened = await caseOf(answered.stored.id);
      assert.ok(opened);
      assert.equal(opened.status, 'new');
      assert.equal(opened.teamId, teamId);
      assert.equal(opened.language, 'cy');
      assert.equal(opened.mention?.text, 'Where is my payment?');
      const ignored = await ingest({ watchIds: [listenWatch], text: 'Lovely weather' });
      assert.deepEqual(ignored.outcome, { opened: 0, joined: 0 });
      assert.equal(await caseOf(ignored.stored.id), undefined);
      const audit = await db.selectFrom('audit_events').select(['action', 'subject_id']).where('action', '=', 'case.opened').execute();
      assert.ok(audit.some((event) => event.subject_id === opened.id));
    });

    it('adds the citizen’s follow-up in the same thread to the open case instead of opening another', async () => {
      const first = await ingest({ watchIds: [answerWatch], text: 'My payment is late' });
      const followUp = await ingest({ watchIds: [answerWatch], text: 'Still no payment, any news?', replyTo: first.stored.externalId });
      assert.deepEqual(followUp.outcome, { opened: 0, joined: 1 });
      assert.equal((await caseOf(followUp.stored.id))?.id, (await caseOf(first.stored.id))?.id);
    });

    it('reopens an answered case when the citizen follows up, and counts the reopening', async () => {
      const first = await ingest({ watchIds: [answerWatch], text: 'payment question' });
      const opened = await caseOf(first.stored.id);
      assert.ok(opened);
      await db.updateTable('cases').set({ status: 'answered', is_open: 0 }).where('id', '=', opened.id).execute();
      await ingest({ watchIds: [answerWatch], text: 'payment still missing', replyTo: first.stored.externalId });
      const after = await findCase(db, opened.id);
      assert.ok(after);
      assert.equal(after.status, 'needs_reply');
      assert.equal(after.reopenedCount, 1);
    });

    it('records triage: no reply needed closes with its reason, reopening brings it back, both audited', async () => {
      const { stored } = await ingest({ watchIds: [answerWatch], text: 'payment spam spam' });
      const opened = await caseOf(stored.id);
      assert.ok(opened);
      const closed = await triageCase(db, admin, opened.id, { decision: 'no_reply_needed', reason: 'spam' });
      assert.equal(closed.status, 'no_reply_needed');
      assert.equal(closed.noReplyReason, 'spam');
      assert.ok(closed.resolvedAt);
      const reopened = await reopenCase(db, admin, opened.id);
      assert.equal(reopened.status, 'needs_reply');
      assert.equal(reopened.resolvedAt, null);
      await assert.rejects(reopenCase(db, admin, opened.id), /already open/);
      const escalated = await triageCase(db, admin, opened.id, { decision: 'escalate', target: 'safeguarding' });
      assert.equal(escalated.escalatedTo, 'safeguarding');
      const actions = (await db.selectFrom('audit_events').select('action').where('subject_id', '=', opened.id).orderBy('seq').execute()).map((e) => e.action);
      assert.deepEqual(actions.filter((a) => a.startsWith('case.')), ['case.opened', 'case.triaged', 'case.reopened', 'case.triaged']);
    });

    it('refuses a triage without a reason, and an assignment to someone unknown, with what is wrong', async () => {
      const { stored } = await ingest({ watchIds: [answerWatch], text: 'payment help' });
      const opened = await caseOf(stored.id);
      assert.ok(opened);
      await assert.rejects(triageCase(db, admin, opened.id, { decision: 'no_reply_needed' }), (error: { problems?: { path: string; message: string }[] }) => error.problems?.[0]?.path === 'reason');
      await assert.rejects(assignCase(db, admin, opened.id, { assigneeId: 'nobody' }), (error: { problems?: { path: string }[] }) => error.problems?.[0]?.path === 'assigneeId');
    });

    it('shows cases in the views of the person assigned, their team, the unassigned and the Welsh', async () => {
      const { stored } = await ingest({ watchIds: [answerWatch], text: 'taliad payment hwyr', language: 'cy' });
      const opened = await caseOf(stored.id);
      assert.ok(opened);
      const ids = async (view: Parameters<typeof listCases>[2]['view']) => (await listCases(db, viewer(), { view, limit: 100 })).cases.map((c) => c.id);
      assert.ok((await ids('unassigned')).includes(opened.id));
      assert.ok(!(await ids('mine')).includes(opened.id));
      await assignCase(db, admin, opened.id, { assigneeId: officer.id });
      assert.ok((await ids('mine')).includes(opened.id));
      assert.ok((await ids('team')).includes(opened.id));
      assert.ok((await ids('welsh')).includes(opened.id));
      assert.ok(!(await ids('unassigned')).includes(opened.id));
      const counts = await countInbox(db, viewer());
      assert.equal(counts.mine, (await ids('mine')).length);
      await setCasePriority(db, admin, opened.id, { priority: 'urgent' });
      await setCaseTags(db, admin, opened.id, { tags: ['Payments', 'late', 'late'] });
      assert.deepEqual((await listCases(db, viewer(), { view: 'open', priority: 'urgent', tag: 'payments', limit: 10 })).cases.map((c) => c.id), [opened.id]);
      assert.deepEqual((await findCase(db, opened.id))?.tags, ['late', 'payments']);
    });

    it('pages through a view by due time without repeating or missing a case', async () => {
      for (let i = 0; i < 7; i++) await ingest({ watchIds: [answerWatch], text: `payment ${i}` });
      const due = ['2026-01-05T10:00:00.000Z', '2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z'];
      const all = (await listCases(db, viewer(), { view: 'open', limit: 1000 })).cases;
      for (const [i, c] of all.entries()) {
        const at = due[i % due.length] ?? null;
        await db.updateTable('cases').set({ due_at: at, sort_due: at ?? '9999-12-31T23:59:59.999Z' }).where('id', '=', c.id).execute();
      }
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await listCases(db, viewer(), { view: 'open', limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.cases.map((c) => c.id));
        if (!page.next) break;
        after = page.next;
      }
      assert.equal(seen.length, all.length);
      assert.equal(new Set(seen).size, all.length);
      const sorted = (await listCases(db, viewer(), { view: 'open', limit: 1000 })).cases.map((c) => c.dueAt ?? '~');
      assert.deepEqual(sorted, [...sorted].sort());
      assert.equal((await listCases(db, viewer(), { view: 'overdue', limit: 1000 })).cases.length, all.length - all.filter((_, i) => i % 3 === 3).length);
      await assert.rejects(listCases(db, viewer(), { view: 'open', limit: 3, after: 'not-a-cursor' }), /page link is damaged/);
    });

    it('opens cases as ingest stores matching mentions, and a follow-up in the thread joins its case', async () => {
      const matcher = createMatcher();
      matcher.set(answerWatch, 'payment');
      matcher.set(listenWatch, 'weather');
      const source = { id: 'source-ingest', keepAll: false };
      const post = (externalId: string, text: string, replyTo: string | null = null) => ({
        ...mentionInput({ externalId, text, replyTo }).mention, sourceKind: 'bluesky' as const,
      });
      const outcome = await ingestBatch(db, { matcher, onStored: openCasesFor }, source, { mentions: [post('at://a/1', 'my payment has not arrived'), post('at://a/2', 'nice weather')] });
      assert.equal(outcome.created, 2);
      const [first] = await db.selectFrom('mentions').select('id').where('external_id', '=', 'at://a/1').execute();
      assert.ok(first);
      const opened = await caseOf(first.id);
      assert.ok(opened, 'a case opened for the payment mention');
      await ingestBatch(db, { matcher, onStored: openCasesFor }, source, { mentions: [post('at://a/3', 'still no payment', 'at://a/1')] });
      const [followUp] = await db.selectFrom('mentions').select('id').where('external_id', '=', 'at://a/3').execute();
      assert.ok(followUp);
      assert.equal((await caseOf(followUp.id))?.id, opened.id);
      await ingestBatch(db, { matcher, onStored: openCasesFor }, source, { mentions: [post('at://a/1', 'my payment has not arrived (edited)')] });
      assert.equal((await db.selectFrom('cases').select('id').where('mention_id', '=', first.id).execute()).length, 1, 'an edit opens no second case');
    });

    it('counts kept for the inbox are made again once ingest has committed a new case', async () => {
      const matcher = createMatcher();
      matcher.set(answerWatch, 'payment');
      const me = viewer();
      const before = (await keptInboxCounts(db, me)).unassigned;
      const mention = { ...mentionInput({ externalId: 'at://kept/1', text: 'payment missing again' }).mention, sourceKind: 'bluesky' as const };
      await ingestBatch(db, { matcher, onStored: openCasesOnIngest }, { id: 'source-kept', keepAll: false }, { mentions: [mention] });
      assert.equal((await keptInboxCounts(db, me)).unassigned, before + 1);
    });

    it('opens a case by hand from a mention, once', async () => {
      const { id } = await db.transaction().execute((trx) => storeMention(trx, mentionInput({ watchIds: [listenWatch], text: 'not asked, but worth answering' })));
      const actor = { type: 'user' as const, id: officer.id, label: 'officer@example.gov.uk' };
      const opened = await openCaseFromMention(db, actor, id, teamId);
      assert.equal(opened.status, 'needs_reply');
      assert.equal((await openCaseFromMention(db, actor, id, teamId)).id, opened.id);
    });

    it('writes a page view’s presence mark again only once the refresh time has passed', async () => {
      const { id } = await db.transaction().execute((trx) => storeMention(trx, mentionInput({ watchIds: [listenWatch], text: 'who is looking at this' })));
      const opened = await openCaseFromMention(db, { type: 'user', id: officer.id, label: 'officer@example.gov.uk' }, id, teamId);
      const markViewing = presenceMarker();
      const start = new Date('2026-11-20T10:00:00Z');
      const seenAt = async () => (await presenceOn(db, opened.id, new Date(0))).map((p) => p.seenAt);
      await markViewing(db, opened.id, officer.id, 'viewing', start);
      await markViewing(db, opened.id, officer.id, 'viewing', new Date(start.getTime() + presenceRefreshMs - 1));
      assert.deepEqual(await seenAt(), [start.toISOString()]);
      const later = new Date(start.getTime() + presenceRefreshMs);
      await markViewing(db, opened.id, officer.id, 'viewing', later);
      assert.deepEqual(await seenAt(), [later.toISOString()]);
    });
  });
}
