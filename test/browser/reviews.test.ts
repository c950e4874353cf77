import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import { activeChannel, caseFor } from '../../src/engagement/replies/reply-fixtures.js';
import { draftCaseReply, editReply, submitReply, type Author } from '../../src/engagement/replies/replies.js';
import { findReply } from '../../src/engagement/replies/reply-repository.js';
import { startMastodonServer, type MastodonServer } from '../fakes/mastodon-server.js';
import { browserModes, checkPage, demoPerson, errorSummaryLinks, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the review queue and a review in a browser', () => {
  const suite = useBrowserSuite();
  let mastodon: MastodonServer;
  const drafts = new Map<string, { changes: string; approve: string }>();
  let author: Author;

  before(async () => {
    mastodon = await startMastodonServer({ maxCharacters: 500 });
    const { db } = suite().parley;
    const officer = await findUserByEmail(db, demoPerson('officer').email);
    if (!officer?.teamId) throw new Error('the demo officer has no team');
    author = { type: 'user', id: officer.id, label: officer.email };
    await activeChannel(db, officer.teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
    const submitted = async (asked: string, text: string) => {
      const status = mastodon.post({ account: { username: 'citizen' }, text: asked });
      const caseId = await caseFor(db, author, officer.teamId ?? '', { sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: asked, language: 'en' });
      const draft = await draftCaseReply(db, author, caseId, { text, language: 'en' });
      return (await submitReply(db, author, draft.id)).id;
    };
    for (const mode of browserModes) {
      drafts.set(mode.name, {
        changes: await submitted('When is my refund due?', '<b>Sorry</b> we will refund you by Friday.'),
        approve: await submitted('Is the library open?', 'The library is open until 5pm today.'),
      });
    }
  });
  after(() => mastodon.close());

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('a reviewer finds drafts in the queue, sends one back with a comment and approves another', () => suite().inNewContext(mode, async (page, baseUrl) => {
        const mine = drafts.get(mode.name);
        assert.ok(mine);
        await suite().signInAs(page, mode, 'reviewer');
        const navigation = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Reviews/ });
        assert.match(await navigation.innerText(), /Reviews\s+\d+/, 'the number of drafts waiting');
        await navigation.click();
        await page.waitForLoadState('load');
        await checkPage(page, mode, 'Drafts waiting for your review');
        assert.ok(await page.getByRole('link', { name: /we will refund you by Friday/ }).count() >= 1);

        await page.goto(`${baseUrl}/reviews/${mine.changes}`);
        await checkPage(page, mode, `Review a draft by ${demoPerson('officer').name}`);
        assert.equal(await page.locator('.parley-reviewed-text').innerText(), '<b>Sorry</b> we will refund[1] you by Friday[2].', 'the text shown as written, not as markup');
        assert.deepEqual(await page.locator('.parley-reviewed-text mark').count(), 2);
        assert.match(await page.locator('.parley-findings').innerText(), /\[1\][\s\S]*Medium/);

        await submitForm(page, 'Send back to the author');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Say what needs to change', href: '#comment' }]);
        await checkPage(page, mode, `Review a draft by ${demoPerson('officer').name}`);
        await page.getByLabel('What needs to change').fill('Do not promise a day; say we will be in touch.');
        await submitForm(page, 'Send back to the author');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Sent back to the author/);
        await checkPage(page, mode, 'Drafts waiting for your review');

        await page.goto(`${baseUrl}/reviews/${mine.approve}`);
        await submitForm(page, 'Approve and publish');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Approved/);
        const { db } = suite().parley;
        assert.equal((await findReply(db, mine.changes))?.state, 'draft');
        assert.notEqual((await findReply(db, mine.approve))?.state, 'in_review');

        await editReply(db, author, mine.changes, { text: 'Sorry: we will be in touch about your refund.', language: 'en' });
        await submitReply(db, author, mine.changes);
        await page.goto(`${baseUrl}/reviews/${mine.changes}`);
        await checkPage(page, mode, `Review a draft by ${demoPerson('officer').name}`);
        const history = await page.locator('.parley-review-history').innerText();
        assert.match(history, /Changes requested\s+by [^\n]+\n+“Do not promise a day; say we will be in touch\.”/, 'the next review shows what was asked before');
        await page.locator('.parley-review-history summary').first().click();
        assert.equal(await page.locator('.parley-review-history .govuk-details__text').first().innerText(), '<b>Sorry</b> we will refund you by Friday.', 'the words as written, not as markup');
      }));
    });
  }
});
