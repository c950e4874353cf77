import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import { countForMastodon } from '../../src/engagement/publishing/index.js';
import { activeChannel, caseFor } from '../../src/engagement/replies/reply-fixtures.js';
import { startMastodonServer, type MastodonServer } from '../fakes/mastodon-server.js';
import { browserModes, checkPage, demoPerson, errorSummaryLinks, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the compose page in a browser', () => {
  const suite = useBrowserSuite();
  let mastodon: MastodonServer;
  const cases = new Map<string, string>();

  before(async () => {
    mastodon = await startMastodonServer({ maxCharacters: 500 });
    const { db } = suite().parley;
    const officer = await findUserByEmail(db, demoPerson('officer').email);
    if (!officer?.teamId) throw new Error('the demo officer has no team');
    await activeChannel(db, officer.teamId, { platform: 'mastodon', instanceUrl: mastodon.origin, secret: mastodon.token });
    for (const mode of browserModes) {
      const status = mastodon.post({ account: { username: 'citizen' }, text: 'Pryd mae’r llyfrgell ar agor?' });
      cases.set(mode.name, await caseFor(db, { type: 'user', id: officer.id, label: officer.email }, officer.teamId, {
        sourceKind: 'mastodon', externalId: `${new URL(mastodon.origin).host}:${String(status.id)}`, text: 'Pryd mae’r llyfrgell ar agor?', language: 'cy',
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
    });
  }
});
