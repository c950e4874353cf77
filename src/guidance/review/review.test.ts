import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startMastodonServer, type MastodonServer } from '../../../test/fakes/mastodon-server.js';
import { Browser, makeUser, startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { activeChannel, caseFor } from '../../engagement/replies/reply-fixtures.js';
import { findReply } from '../../engagement/replies/reply-repository.js';
import { draftCaseReply, draftChannelPost, editAndSubmitReply, editReply, submitReply, type Author } from '../../engagement/replies/replies.js';
import { replySection } from '../../engagement/replies/reply-views.js';
import { createApiToken } from '../../platform/auth/api-tokens.js';
import type { Role } from '../../platform/auth/roles.js';
import { createTeam } from '../../platform/auth/teams.js';
import { AppError } from '../../platform/errors/app-error.js';
import { defaultPolicy, type GuidancePolicy } from '../policy.js';
import { approveReply, escalateOverdueReviews, rejectReply, requestChanges, type ReviewerActor } from './review-actions.js';
import { listReviewQueue } from './review-queue.js';
import { findReview } from './review-store.js';
import { setTrustLevel } from './trust-store.js';
import * as reviewDecisionsMigration from './migrations/0016-review-decisions.js';
import type { Kysely } from 'kysely';

const system = { type: 'system', label: 'test' } as const;
// Monday 1 June 2026, 10:00 in London: two working hours later is 12:00 the same day.
const monday = new Date('2026-06-01T09:00:00Z');
const policy: GuidancePolicy = { ...defaultPolicy, routing: { ...defaultPolicy.routing, pressOfficeRole: 'press-office' } };

function refusedWith(code: string, pattern?: RegExp) {
  return (error: unknown) => error instanceof AppError && error.code === code && (pattern === undefined || pattern.test(`${error.message} ${error.problems.map((p) => p.message).join(' ')}`));
}

for (const dialect of testDialects()) {
  describe(`check → route → review → publish on ${dialect.name}`, () => {
    let t: TestApp;
    let mastodon: MastodonServer;
    let channelId: string;
    let teamId: string;
    const people = new Map<string, { id: string; email: string; password: string; roles: Role[] }>();

    const author = (name: string): Author => {
      const p = people.get(name);
      if (!p) throw new Error(name);
      return { type: 'user', id: p.id, label: p.email };
    };
    const reviewer = (name: string, team: string | null = teamId): ReviewerActor => {
      const p = people.get(name);
      if (!p) throw new Error(name);
      return { id: p.id, email: p.email, roles: p.roles, teamId: team };
    };
    const actions = async (replyId: string) => (await t.storage.db.selectFrom('audit_events').select('action').where('subject_id', '=', replyId).orderBy('seq').execute()).map((r) => r.action);
    const newCase = async (text = 'Where is my blue badge?') => {
      const status = mastodon.post({ account: { username: 'citizen' }, text });
      return caseFor(t.storage.db, author('olwen'), teamId, { sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text, authorName: 'Ceri Citizen' });
    };
    /** What a reviewer sends with a decision: the version of the review they opened. */
    const seen = async (replyId: string) => ({ version: (await findReview(t.storage.db, replyId))?.version ?? 'none' });
    const submitted = async (who: string, text: string, now = monday) => {
      const draft = await draftCaseReply(t.storage.db, author(who), await newCase(), { text, language: 'en' });
      return submitReply(t.storage.db, author(who), draft.id, { policy, now });
    };

    before(async () => {
      t = await startTestApp(dialect);
      mastodon = await startMastodonServer({ maxCharacters: 500 });
      const { db } = t.storage;
      teamId = (await createTeam(db, system, { name: 'Blue badges' })).id;
      const otherTeam = (await createTeam(db, system, { name: 'Libraries' })).id;
      const make = async (name: string, roles: Role[], team: string | null) => {
        const made = await makeUser(t.storage, `${name}@example.gov.uk`, roles);
        await db.updateTable('users').set({ team_id: team }).where('id', '=', made.id).execute();
        people.set(name, { ...made, roles });
      };
      await make('olwen', ['officer'], teamId);
      await make('tomos', ['officer'], teamId);
      await make('rhian', ['reviewer'], teamId);
      await make('gareth', ['reviewer'], otherTeam);
      await make('hana', ['head-of-digital'], null);
      await make('pat', ['press-office'], null);
      await setTrustLevel(db, system, author('tomos').id, 'trusted');
      channelId = await activeChannel(db, teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
    });
    after(async () => {
      await t.close();
      await mastodon.close();
    });

    it('routes on submit: a trusted author’s clean reply is queued, a supervised one goes to the team with a due time in working hours', async () => {
      const trusted = await submitted('tomos', 'Thanks, we have passed this to the team.');
      assert.equal(trusted.state, 'submitted');
      assert.equal(await findReview(t.storage.db, trusted.id), undefined);
      assert.deepEqual(await actions(trusted.id), ['reply.drafted', 'reply.submitted']);

      const supervised = await submitted('olwen', 'Thanks, we have passed this to the team.');
      assert.equal(supervised.state, 'in_review');
      const review = await findReview(t.storage.db, supervised.id);
      assert.equal(review?.level, 'team');
      assert.equal(review.dueAt, '2026-06-01T11:00:00.000Z');
      assert.match(review.reason, /reviewed by someone in your team/);
      assert.deepEqual(await actions(supervised.id), ['reply.drafted', 'reply.sent_for_review']);
    });

    it('sends a trusted author’s commitment to the team, with its findings stored for the reviewer', async () => {
      const reply = await submitted('tomos', 'We will refund you by Friday.');
      assert.equal(reply.state, 'in_review');
      const review = await findReview(t.storage.db, reply.id);
      assert.equal(review?.risk, 'medium');
      assert.deepEqual(review.findings.map((f) => [f.rule, review.reviewedText.slice(f.start, f.end)]), [['commitments', 'We will refund'], ['commitments', 'by Friday']]);
    });

    it('sends a political draft to the head of digital and the press office, who may not approve it', async () => {
      const reply = await submitted('tomos', 'Vote Labour on Thursday, the Conservatives have failed you.');
      const review = await findReview(t.storage.db, reply.id);
      assert.deepEqual([review?.level, review?.pressOfficeRole], ['head-of-digital', 'press-office']);
      assert.equal((await listReviewQueue(t.storage.db, reviewer('rhian'), monday)).some((e) => e.review.replyId === reply.id), false, 'not for the team reviewer');
      assert.equal((await listReviewQueue(t.storage.db, reviewer('hana', null), monday)).some((e) => e.review.replyId === reply.id), true);
      assert.equal((await listReviewQueue(t.storage.db, reviewer('pat', null), monday)).some((e) => e.review.replyId === reply.id), true);
      await assert.rejects(approveReply(t.storage.db, reviewer('pat', null), reply.id, await seen(reply.id)), refusedWith('forbidden', /reviewer must approve/));
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), reply.id, await seen(reply.id)), refusedWith('forbidden'));
      await approveReply(t.storage.db, reviewer('hana', null), reply.id, await seen(reply.id));
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'submitted');
    });

    it('refuses a blocked draft with its findings, and changes nothing', async () => {
      const draft = await draftCaseReply(t.storage.db, author('tomos'), await newCase(), { text: 'Email jo@example.com for help.', language: 'en' });
      await assert.rejects(submitReply(t.storage.db, author('tomos'), draft.id, { policy, now: monday }), (error: unknown) =>
        error instanceof AppError && error.code === 'validation_failed' && error.problems.length === 1 && error.problems[0]?.path === 'text' && /email/i.test(error.problems[0].message));
      assert.equal((await findReply(t.storage.db, draft.id))?.state, 'draft');
      assert.deepEqual(await actions(draft.id), ['reply.drafted']);
    });

    it('lets nobody review their own draft, even a reviewer', async () => {
      const draft = await draftChannelPost(t.storage.db, author('rhian'), channelId, { text: 'Our offices are closed on Monday.', language: 'en' });
      await submitReply(t.storage.db, author('rhian'), draft.id, { policy, now: monday });
      assert.equal((await listReviewQueue(t.storage.db, reviewer('rhian'), monday)).some((e) => e.review.replyId === draft.id), false);
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), draft.id, await seen(draft.id)), refusedWith('forbidden', /someone else must review it/));
      await assert.rejects(rejectReply(t.storage.db, reviewer('rhian'), draft.id, { ...await seen(draft.id), reason: 'no' }), refusedWith('forbidden'));
      assert.equal((await findReply(t.storage.db, draft.id))?.state, 'in_review');
    });

    it('approves into the publish queue, audited; another team’s reviewer may not', async () => {
      const reply = await submitted('olwen', 'Your badge is in the post.');
      await assert.rejects(approveReply(t.storage.db, reviewer('gareth', 'other'), reply.id, await seen(reply.id)), refusedWith('forbidden', /another reviewer/));
      await approveReply(t.storage.db, reviewer('rhian'), reply.id, await seen(reply.id));
      const approved = await findReply(t.storage.db, reply.id);
      assert.equal(approved?.state, 'submitted');
      assert.notEqual(approved.nextAttemptAt, null, 'the publish queue will take it');
      assert.equal((await findReview(t.storage.db, reply.id))?.status, 'approved');
      assert.deepEqual(await actions(reply.id), ['reply.drafted', 'reply.sent_for_review', 'reply.approved']);
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), reply.id, await seen(reply.id)), refusedWith('conflict'));
    });

    it('sends a draft back with a required comment, then the author edits and resubmits', async () => {
      const reply = await submitted('olwen', 'Your badge is in the post.');
      await assert.rejects(requestChanges(t.storage.db, reviewer('rhian'), reply.id, { ...await seen(reply.id), comment: '  ' }), refusedWith('validation_failed', /Say what needs to change/));
      await requestChanges(t.storage.db, reviewer('rhian'), reply.id, { ...await seen(reply.id), comment: 'Say when it was posted.' });
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'draft');
      assert.deepEqual([(await findReview(t.storage.db, reply.id))?.status, (await findReview(t.storage.db, reply.id))?.comment], ['changes-requested', 'Say when it was posted.']);
      await editReply(t.storage.db, author('olwen'), reply.id, { text: 'Your badge was posted on Monday.', language: 'en' });
      const again = await submitReply(t.storage.db, author('olwen'), reply.id, { policy, now: monday });
      assert.equal(again.state, 'in_review');
      assert.equal((await findReview(t.storage.db, reply.id))?.status, 'waiting');
      assert.deepEqual(await actions(reply.id), ['reply.drafted', 'reply.sent_for_review', 'reply.changes_requested', 'reply.edited', 'reply.sent_for_review']);
    });

    it('keeps every decision on a draft, with the words decided on, for the next reviewer, the author and the API', async () => {
      const reply = await submitted('olwen', 'Your badge is in the post.');
      await requestChanges(t.storage.db, reviewer('rhian'), reply.id, { ...await seen(reply.id), comment: 'Say when it was posted.' }, new Date('2026-06-01T09:10:00Z'));
      await editReply(t.storage.db, author('olwen'), reply.id, { text: 'Your badge was posted on Monday.', language: 'en' });
      await submitReply(t.storage.db, author('olwen'), reply.id, { policy, now: monday });
      await requestChanges(t.storage.db, reviewer('rhian'), reply.id, { ...await seen(reply.id), comment: 'Give the <b>tracking</b> link.' }, new Date('2026-06-01T09:20:00Z'));

      const olwen = new Browser(t.app);
      await olwen.signIn(people.get('olwen')?.email ?? '', people.get('olwen')?.password ?? '');
      const compose = (await olwen.get(`/cases/${reply.caseId ?? ''}/reply`)).body;
      assert.match(compose, /A reviewer asked for changes<\/h2><p class="govuk-body">Give the &lt;b&gt;tracking&lt;\/b&gt; link\.</, 'the latest request, escaped, above the form');
      assert.match(compose, /Review history[\s\S]*Changes requested<\/strong> by rhian[\s\S]*“Say when it was posted\.”[\s\S]*Your badge is in the post\./, 'the one before it, with the words it was about');
      assert.equal(compose.split('tracking').length - 1, 1, 'the latest request is not listed twice');

      await editReply(t.storage.db, author('olwen'), reply.id, { text: 'Your badge was posted on Monday: track it at royalmail.com.', language: 'en' });
      await submitReply(t.storage.db, author('olwen'), reply.id, { policy, now: monday });
      const rhian = new Browser(t.app);
      await rhian.signIn(people.get('rhian')?.email ?? '', people.get('rhian')?.password ?? '');
      const page = (await rhian.get(`/reviews/${reply.id}`)).body;
      assert.match(page, /Review history[\s\S]*“Say when it was posted\.”[\s\S]*“Give the &lt;b&gt;tracking&lt;\/b&gt; link\.”/, 'the next reviewer reads what was asked, in order');
      assert.doesNotMatch(page, /<b>tracking<\/b>/);

      await approveReply(t.storage.db, reviewer('rhian'), reply.id, await seen(reply.id), new Date('2026-06-01T09:30:00Z'));
      const token = (await createApiToken(t.storage.db, system, author('rhian').id, { name: 'history' })).token;
      const api = await t.app.inject({ method: 'GET', url: `/api/v1/reviews/${reply.id}`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 200);
      const { history } = api.json<{ history: { decision: string; deciderName: string | null; comment: string | null; reviewedText: string; decidedAt: string }[] }>();
      assert.deepEqual(history.map((past) => [past.decision, past.deciderName, past.comment, past.reviewedText]), [
        ['changes-requested', 'rhian', 'Say when it was posted.', 'Your badge is in the post.'],
        ['changes-requested', 'rhian', 'Give the <b>tracking</b> link.', 'Your badge was posted on Monday.'],
        ['approved', 'rhian', null, 'Your badge was posted on Monday: track it at royalmail.com.'],
      ]);
      assert.deepEqual(history.map((past) => past.decidedAt), ['2026-06-01T09:10:00.000Z', '2026-06-01T09:20:00.000Z', '2026-06-01T09:30:00.000Z']);
    });

    it('rejects with a required reason: closed, never published, and the case can be answered again', async () => {
      const caseId = await newCase();
      const draft = await draftCaseReply(t.storage.db, author('olwen'), caseId, { text: 'Your badge is in the post.', language: 'en' });
      await submitReply(t.storage.db, author('olwen'), draft.id, { policy, now: monday });
      await assert.rejects(rejectReply(t.storage.db, reviewer('rhian'), draft.id, await seen(draft.id)), refusedWith('validation_failed', /reason/));
      await rejectReply(t.storage.db, reviewer('rhian'), draft.id, { ...await seen(draft.id), reason: 'We cannot say that yet.' });
      assert.equal((await findReply(t.storage.db, draft.id))?.state, 'rejected');
      const shown = (await replySection(t.storage.db, caseId, undefined)).replies.find((line) => line.id === draft.id);
      assert.match(shown?.note ?? '', /rejected it \(“We cannot say that yet\.”\)/, 'the author sees why on the case');
      await assert.rejects(editReply(t.storage.db, author('olwen'), draft.id, { text: 'x', language: 'en' }), refusedWith('conflict'));
      const next = await draftCaseReply(t.storage.db, author('olwen'), caseId, { text: 'A better answer.', language: 'en' });
      assert.equal(next.state, 'draft');
      assert.deepEqual(await actions(draft.id), ['reply.drafted', 'reply.sent_for_review', 'reply.rejected']);
    });

    it('takes an approved reply out of the queue when it is edited: a draft again, its approval withdrawn, routed only on submit', async () => {
      const reply = await submitted('tomos', 'We will refund you by Friday.');
      await approveReply(t.storage.db, reviewer('rhian'), reply.id, await seen(reply.id));
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'submitted');
      const edited = await editReply(t.storage.db, author('tomos'), reply.id, { text: 'Thanks, we have passed this to the team.', language: 'en' }, { policy });
      assert.deepEqual([edited.state, edited.nextAttemptAt, edited.text], ['draft', null, 'Thanks, we have passed this to the team.'], 'not published: the publish queue no longer takes it');
      assert.equal((await findReview(t.storage.db, reply.id))?.status, 'withdrawn');
      assert.deepEqual((await actions(reply.id)).slice(-2), ['reply.edited', 'review.approval_withdrawn']);
      const again = await submitReply(t.storage.db, author('tomos'), reply.id, { policy, now: monday });
      assert.equal(again.state, 'submitted', 'a trusted author’s clean text goes straight to the queue once submitted');
    });

    it('takes a reply waiting for review out of review when it is edited, even to words a trusted author could publish at once', async () => {
      const reply = await submitted('tomos', 'We will refund you by Friday.');
      const opened = await seen(reply.id);
      const edited = await editReply(t.storage.db, author('tomos'), reply.id, { text: 'Thanks, we have passed this to the team.', language: 'en' }, { policy });
      assert.deepEqual([edited.state, edited.nextAttemptAt], ['draft', null]);
      assert.equal((await findReview(t.storage.db, reply.id))?.status, 'withdrawn');
      assert.deepEqual((await actions(reply.id)).slice(-2), ['reply.edited', 'review.withdrawn']);
      assert.equal((await listReviewQueue(t.storage.db, reviewer('rhian'), monday)).some((e) => e.review.replyId === reply.id), false);
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), reply.id, opened), refusedWith('conflict', /no longer waiting/));
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'draft');
    });

    it('edits and submits a reply waiting for review in one step, leaving it as it was when the new words are blocked', async () => {
      const reply = await submitted('tomos', 'We will refund you by Friday.');
      await assert.rejects(editAndSubmitReply(t.storage.db, author('tomos'), reply.id, { text: 'Email jo@example.com', language: 'en' }, { policy, now: monday }), refusedWith('validation_failed', /email/i));
      assert.deepEqual([(await findReply(t.storage.db, reply.id))?.state, (await findReview(t.storage.db, reply.id))?.reviewedText], ['in_review', 'We will refund you by Friday.']);
      const sent = await editAndSubmitReply(t.storage.db, author('tomos'), reply.id, { text: 'Thanks, we have passed this to the team.', language: 'en' }, { policy, now: monday });
      assert.equal(sent.state, 'submitted');
      assert.deepEqual((await actions(reply.id)).slice(-3), ['reply.edited', 'review.withdrawn', 'reply.submitted']);
    });

    it('refuses a decision on a version of the draft the reviewer did not see, and queues nothing', async () => {
      const reply = await submitted('olwen', 'We will refund you by Friday.');
      const first = await seen(reply.id);
      // While the reviewer reads the first version, the author changes the words and submits them again (at the same moment).
      await editReply(t.storage.db, author('olwen'), reply.id, { text: 'We will refund you by Monday.', language: 'en' }, { policy, now: monday });
      await submitReply(t.storage.db, author('olwen'), reply.id, { policy, now: monday });
      const second = await seen(reply.id);
      assert.notEqual(second.version, first.version);
      const changed = refusedWith('conflict', /draft changed after you opened it: review the new version/);
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), reply.id, first), changed);
      await assert.rejects(requestChanges(t.storage.db, reviewer('rhian'), reply.id, { ...first, comment: 'Fine.' }), changed);
      await assert.rejects(rejectReply(t.storage.db, reviewer('rhian'), reply.id, { ...first, reason: 'No.' }), changed);
      await assert.rejects(approveReply(t.storage.db, reviewer('rhian'), reply.id, {}), refusedWith('validation_failed', /version/));
      const waiting = await findReply(t.storage.db, reply.id);
      assert.deepEqual([waiting?.state, waiting?.nextAttemptAt], ['in_review', null], 'nothing queued');
      assert.deepEqual([(await findReview(t.storage.db, reply.id))?.status, (await findReview(t.storage.db, reply.id))?.decidedBy], ['waiting', null]);
      assert.equal((await actions(reply.id)).includes('reply.approved'), false);
      await approveReply(t.storage.db, reviewer('rhian'), reply.id, second);
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'submitted');
      assert.equal((await findReview(t.storage.db, reply.id))?.reviewedText, 'We will refund you by Monday.');
    });

    it('sends overdue team reviews to the head of digital: at once in the queue, and once by the escalation job', async () => {
      const reply = await submitted('olwen', 'Your badge is in the post.');
      const listedForHana = async (now: Date) => (await listReviewQueue(t.storage.db, reviewer('hana', null), now)).find((e) => e.review.replyId === reply.id);
      assert.equal(await listedForHana(monday), undefined, 'a team review in time is the team’s');
      const late = new Date('2026-06-01T15:00:00Z');
      assert.equal((await listedForHana(late))?.overdue, true, 'listed for the head of digital before the job runs');
      const forRhian = (await listReviewQueue(t.storage.db, reviewer('rhian'), late)).find((e) => e.review.replyId === reply.id);
      assert.equal(forRhian?.overdue, true, 'still in the team’s queue, marked overdue');
      assert.ok(await escalateOverdueReviews(t.storage.db, late) >= 1);
      assert.equal(await escalateOverdueReviews(t.storage.db, late), 0, 'escalated once');
      assert.notEqual((await findReview(t.storage.db, reply.id))?.escalatedAt, null);
      assert.deepEqual((await actions(reply.id)).at(-1), 'review.escalated');
      await approveReply(t.storage.db, reviewer('hana', null), reply.id, await seen(reply.id), late);
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'submitted');
    });

    it('keeps one reply on its way per case while one waits for review', async () => {
      const caseId = await newCase();
      const draft = await draftCaseReply(t.storage.db, author('olwen'), caseId, { text: 'Your badge is in the post.', language: 'en' });
      await submitReply(t.storage.db, author('olwen'), draft.id, { policy, now: monday });
      await assert.rejects(draftCaseReply(t.storage.db, author('tomos'), caseId, { text: 'Another.', language: 'en' }), refusedWith('conflict', /waiting for review/));
    });

    it('serves the queue, a review with its findings marked and escaped, and the three actions as pages and API', async () => {
      const reply = await submitted('olwen', '<script>alert(1)</script> We will refund you by Friday.');
      const browser = new Browser(t.app);
      await browser.signIn(people.get('rhian')?.email ?? '', people.get('rhian')?.password ?? '');
      const queue = await browser.get('/reviews');
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, new RegExp(`href="/reviews/${reply.id}"`));
      assert.match(queue.body, /drafts waiting for your review/);
      const page = await browser.get(`/reviews/${reply.id}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark class="parley-finding">We will refund<sup class="parley-finding__ref">\[1\]<\/sup><\/mark> you <mark class="parley-finding">by Friday<sup/);
      assert.match(page.body, /Where is my blue badge\?/, 'the mention answered');
      const { version } = await seen(reply.id);
      assert.equal(page.body.split(`<input type="hidden" name="version" value="${version}">`).length - 1, 3, 'each of the three forms carries the version shown');
      const empty = await browser.post(`/reviews/${reply.id}/request-changes`, { version, comment: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /There is a problem/);
      assert.match(empty.body, /href="#comment"/);
      const sent = await browser.post(`/reviews/${reply.id}/request-changes`, { version, comment: 'Do not promise a day.' });
      assert.equal(sent.statusCode, 303);

      const olwen = new Browser(t.app);
      await olwen.signIn(people.get('olwen')?.email ?? '', people.get('olwen')?.password ?? '');
      const compose = await olwen.get(`/cases/${reply.caseId ?? ''}/reply`);
      assert.match(compose.body, /A reviewer asked for changes/);
      assert.match(compose.body, /Do not promise a day\./);
      assert.match(compose.body, /It will go to a reviewer in the channel’s team/);

      const token = (await createApiToken(t.storage.db, system, author('rhian').id, { name: 't' })).token;
      const api = { authorization: `Bearer ${token}` };
      const again = await submitted('olwen', 'Your badge is in the post.');
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/reviews', headers: api });
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.json<{ reviews: { replyId: string; mayApprove: boolean }[] }>().reviews.some((r) => r.replyId === again.id && r.mayApprove));
      const one = await t.app.inject({ method: 'GET', url: `/api/v1/reviews/${again.id}`, headers: api });
      assert.equal(one.json<{ reason: string }>().reason.length > 0, true);
      const current = one.json<{ version: string }>().version;
      assert.equal(current, (await seen(again.id)).version);
      const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/${again.id}/reject`, headers: api, payload: { version: current, reason: '' } });
      assert.equal(noReason.statusCode, 400);
      const noVersion = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/${again.id}/approve`, headers: api, payload: {} });
      assert.equal(noVersion.statusCode, 400, 'the version is required');
      const approved = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/${again.id}/approve`, headers: api, payload: { version: current } });
      assert.deepEqual(approved.json(), { replyId: again.id, replyState: 'submitted' });
    });

    it('refuses a stale approval on the page and through the API, and shows the reviewer the new version', async () => {
      const reply = await submitted('olwen', 'We will refund you by Friday.');
      const browser = new Browser(t.app);
      await browser.signIn(people.get('rhian')?.email ?? '', people.get('rhian')?.password ?? '');
      const opened = await browser.get(`/reviews/${reply.id}`);
      const shown = /name="version" value="([^"]+)"/.exec(opened.body)?.[1] ?? '';
      assert.equal(shown, (await seen(reply.id)).version);
      await editReply(t.storage.db, author('olwen'), reply.id, { text: 'We will refund you on Monday.', language: 'en' }, { policy });
      await submitReply(t.storage.db, author('olwen'), reply.id, { policy, now: monday });

      const stale = await browser.post(`/reviews/${reply.id}/approve`, { version: shown });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /The draft changed after you opened it: review the new version before deciding/);
      assert.match(stale.body, /on Monday\./, 'the page shows the new words');
      const fresh = (await seen(reply.id)).version;
      assert.match(stale.body, new RegExp(`name="version" value="${fresh}"`), 'and the forms now carry their version');
      assert.deepEqual([(await findReply(t.storage.db, reply.id))?.state, (await findReview(t.storage.db, reply.id))?.status], ['in_review', 'waiting'], 'nothing queued');

      const token = (await createApiToken(t.storage.db, system, author('rhian').id, { name: 't' })).token;
      const api = { authorization: `Bearer ${token}` };
      const refused = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/${reply.id}/approve`, headers: api, payload: { version: shown } });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json<{ error: { message: string } }>().error.message, /draft changed/);
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'in_review');
      const approved = await browser.post(`/reviews/${reply.id}/approve`, { version: fresh });
      assert.equal(approved.statusCode, 303);
      assert.equal((await findReply(t.storage.db, reply.id))?.state, 'submitted');
    });

    it('refuses a blocked submit through the API with the findings, and shows the route before submitting', async () => {
      const token = (await createApiToken(t.storage.db, system, author('olwen').id, { name: 't' })).token;
      const api = { authorization: `Bearer ${token}` };
      const caseId = await newCase();
      const draft = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/replies`, headers: api, payload: { text: 'Email jo@example.com for help.', language: 'en' } });
      const refused = await t.app.inject({ method: 'POST', url: `/api/v1/replies/${draft.json<{ id: string }>().id}/submit`, headers: api });
      assert.equal(refused.statusCode, 400);
      const body = refused.json<{ error: { code: string; problems: { path: string; message: string }[] } }>();
      assert.equal(body.error.code, 'validation_failed');
      assert.match(body.error.problems[0]?.message ?? '', /email/i);

      const browser = new Browser(t.app);
      await browser.signIn(people.get('olwen')?.email ?? '', people.get('olwen')?.password ?? '');
      await browser.get(`/cases/${caseId}/reply`);
      const checked = await browser.post(`/cases/${caseId}/reply`, { action: 'check', text: 'Vote Labour, we will refund you by Friday.', language: 'en' });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /There is a problem/);
      assert.match(checked.body, /href="#text">High risk:/);
      assert.match(checked.body, /It will go to the head of digital/);
      assert.equal((await findReply(t.storage.db, draft.json<{ id: string }>().id))?.text, 'Email jo@example.com for help.', 'checking saves nothing');
    });

    it('lets an admin set a user’s trust level on the user page and through the API, audited', async () => {
      const admin = await makeUser(t.storage, 'ada@example.gov.uk', ['admin']);
      const browser = new Browser(t.app);
      await browser.signIn(admin.email, admin.password);
      const userPage = await browser.get(`/admin/users/${author('olwen').id}`);
      assert.match(userPage.body, /Trust level/);
      assert.match(userPage.body, /Supervised \(the default\)/);
      await browser.get(`/admin/users/${author('olwen').id}/trust`);
      const saved = await browser.post(`/admin/users/${author('olwen').id}/trust`, { trustLevel: 'trusted' });
      assert.equal(saved.statusCode, 303);
      assert.match((await browser.get(`/admin/users/${author('olwen').id}`)).body, />\s*Trusted\s*</);
      const token = (await createApiToken(t.storage.db, system, admin.id, { name: 't' })).token;
      const api = { authorization: `Bearer ${token}` };
      const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${author('olwen').id}/trust-level`, headers: api, payload: { trustLevel: 'senior' } });
      assert.equal(bad.statusCode, 400);
      const put = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${author('olwen').id}/trust-level`, headers: api, payload: { trustLevel: 'supervised' } });
      assert.deepEqual(put.json(), { trustLevel: 'supervised', given: true });
      const events = await t.storage.db.selectFrom('audit_events').select(['action', 'details']).where('subject_id', '=', author('olwen').id).where('action', '=', 'user.trust_changed').execute();
      assert.deepEqual(events.map((e): unknown => JSON.parse(e.details)), [{ from: 'default', to: 'trusted' }, { from: 'trusted', to: 'supervised' }]);
      const officerToken = (await createApiToken(t.storage.db, system, author('tomos').id, { name: 't' })).token;
      assert.equal((await t.app.inject({ method: 'PUT', url: `/api/v1/users/${author('olwen').id}/trust-level`, headers: { authorization: `Bearer ${officerToken}` }, payload: { trustLevel: 'trusted' } })).statusCode, 403);
    });

    // Last: it replaces the history the tests above made with what an upgrade would find.
    it('keeps, on upgrade, the one decision each reply’s review held before the history began', async () => {
      const { db } = t.storage;
      const decided = await db.selectFrom('reply_reviews').innerJoin('replies', 'replies.id', 'reply_reviews.reply_id')
        .select(['reply_reviews.reply_id', 'reply_reviews.status', 'reply_reviews.comment', 'reply_reviews.decided_by', 'reply_reviews.decided_at', 'reply_reviews.reviewed_text', 'replies.language'])
        .where('reply_reviews.decided_at', 'is not', null).orderBy('reply_reviews.reply_id').execute();
      assert.ok(decided.some((row) => row.status === 'withdrawn') && decided.some((row) => row.status === 'rejected') && decided.some((row) => row.status === 'changes-requested'), 'the tests above left every kind of decision');
      await db.schema.dropTable('review_decisions').execute();
      await reviewDecisionsMigration.up(db as unknown as Kysely<unknown>);
      const kept = await db.selectFrom('review_decisions').selectAll().orderBy('reply_id').execute();
      assert.deepEqual(kept.map((row) => [row.reply_id, row.decision, row.comment, row.decided_by, row.decided_at, row.reviewed_text, row.language]),
        decided.map((row) => [row.reply_id, row.status === 'withdrawn' ? 'approved' : row.status, row.comment, row.decided_by, row.decided_at, row.reviewed_text, row.language]));
    });
  });
}
