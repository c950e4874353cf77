import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import { countForMastodon } from '../../src/engagement/publishing/index.js';
import { activeChannel, caseFor } from '../../src/engagement/replies/reply-fixtures.js';
import { setTrustLevel } from '../../src/guidance/review/trust-store.js';
import { startMastodonServer, type MastodonServer } from '../fakes/mastodon-server.js';
import { browserModes, checkPage, demoPerson, errorSummaryLinks, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the compose page in a browser', () => {
  const suite = useBrowserSuite();
  let mastodon: MastodonServer;
  const cases = new Map<string, string>();
  const checkedCases = new Map<string, string>();

  before(async () => {
    mastodon = await startMastodonServer({ maxCharacters: 500 });
    const { db } = suite().parley;
    const officer = await findUserByEmail(db, demoPerson('officer').email);
    if (!officer?.teamId) throw new Error('the demo officer has no team');
    // Trusted: a reply the guidance check finds nothing in is queued at once (review has its own tests).
    await setTrustLevel(db, { type: 'system', label: 'test' }, officer.id, 'trusted');
    await activeChannel(db, officer.teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
    for (const mode of browserModes) {
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'Pryd mae’r llyfrgell ar agor?' });
      cases.set(mode.name, await caseFor(db, { type: 'user', id: officer.id, label: officer.email }, officer.teamId, {
        sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: 'Pryd mae’r llyfrgell ar agor?', language: 'cy',
      }));
      const asked = mastodon.post({ account: { username: 'citizen' }, text: 'When will my refund come?' });
      checkedCases.set(mode.name, await caseFor(db, { type: 'user', id: officer.id, label: officer.email }, officer.teamId, {
        sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(asked.id)}`, text: 'When will my refund come?', language: 'en',
      }));
    }
  });
  after(() => mastodon.close());

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('an officer writes a reply in Welsh, sees the count and the errors, and submits it', () => suite().inNewContext(mode, async (page, baseUrl) => {
        await suite().signInAs(page, mode, 'officer');
        await page.goto(`${baseUrl}/cases/${cases.get(mode.name) ?? ''}/reply`);
        await checkPage(page, mode, 'Reply');
        assert.equal(await page.locator('#text-count').innerText(), 'You have 500 characters remaining');

        await submitForm(page, 'Submit reply');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter the text to publish', href: '#text' }]);
        await checkPage(page, mode, 'Reply');

        const text = `Mae ar agor tan 5pm. https://example.gov.uk/${'x'.repeat(80)}`;
        await page.getByRole('textbox', { name: /Your reply on/ }).fill(text);
        if (mode.javaScriptEnabled) {
          // The live count, as Mastodon counts (a link counts 23, however long): 21 characters and the link.
          assert.equal(countForMastodon(text), 44);
          await page.locator('#text-count', { hasText: 'You have 456 characters remaining' }).waitFor();
        }
        await page.getByLabel('Welsh (Cymraeg)').check();
        await submitForm(page, 'Submit reply');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Reply submitted: it is queued for publishing/);
        assert.match(await page.locator('.parley-reply-section').innerText(), /Queued\s+by .*, in Welsh/);
        await checkPage(page, mode, 'Reply');
      }));

      it('an officer sees the guidance check’s findings and who will review the reply before submitting it', () => suite().inNewContext(mode, async (page, baseUrl) => {
        await suite().signInAs(page, mode, 'officer');
        await page.goto(`${baseUrl}/cases/${checkedCases.get(mode.name) ?? ''}/reply`);
        await checkPage(page, mode, 'Reply');
        assert.equal(await page.locator('#draft-route').innerText(), 'It will be published as soon as you submit it.');

        await page.getByRole('textbox', { name: /Your reply on/ }).fill('Vote Labour: we will refund you by Friday.');
        if (mode.javaScriptEnabled) {
          await page.locator('#draft-route', { hasText: 'It will go to the head of digital before it is published.' }).waitFor();
          const findings = await page.locator('#draft-findings li').allInnerTexts();
          assert.ok(findings.some((f) => /^High\b/.test(f)), `a political finding: ${findings.join(' | ')}`);
          assert.ok(findings.some((f) => /^Medium\b/.test(f)), 'a commitment');
          assert.ok(await page.locator('#draft-findings li strong.govuk-tag.govuk-tag--red').count() >= 1, 'tagged in the colours the server uses');
        } else {
          await submitForm(page, 'Check');
          const links = await errorSummaryLinks(page);
          assert.ok(links.length >= 2 && links.every((link) => link.href === '#text'), 'each finding links to the text box');
          assert.ok(links.some((link) => link.text.startsWith('High risk:')));
          assert.equal(await page.locator('#draft-route').innerText(), 'It will go to the head of digital before it is published.');
          assert.equal(await page.getByRole('textbox', { name: /Your reply on/ }).inputValue(), 'Vote Labour: we will refund you by Friday.', 'the text is kept');
        }
        await checkPage(page, mode, 'Reply');

        await page.getByRole('textbox', { name: /Your reply on/ }).fill('Your refund is on its way.');
        if (mode.javaScriptEnabled) await page.locator('#draft-route', { hasText: 'It will be published as soon as you submit it.' }).waitFor();
        await submitForm(page, 'Submit reply');
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /queued for publishing/);
      }));
    });
  }
});
