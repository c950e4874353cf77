import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChannel } from '../../src/channels/channels.js';
import { insertTimedCase } from '../../src/engagement/service-levels/case-timing-fixtures.js';
import { listTeams } from '../../src/platform/auth/teams.js';
import { credentialCipher } from '../../src/platform/secrets/encryption.js';
import { browserModes, checkPage, errorSummaryLinks, fieldError, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the service-level report in a browser', () => {
  const suite = useBrowserSuite();
  let seeded = false;

  /** March 2026's cases on one channel: English answered in 1 and 3 working hours, Welsh in 2 and 10 (late). */
  async function seedCases(): Promise<void> {
    if (seeded) return;
    seeded = true;
    const { db } = suite().parley;
    const team = (await listTeams(db)).find((t) => t.name === 'Benefits service');
    assert.ok(team, 'the demo has a Benefits service team');
    const channel = await createChannel(db, { type: 'system', label: 'test' }, credentialCipher(Buffer.alloc(32, 7)), {
      platform: 'mastodon', name: 'Benefits on Mastodon', config: { instanceUrl: 'https://social.example' },
    });
    const on = { channelId: channel.id, teamId: team.id };
    await insertTimedCase(db, { openedAt: '2026-03-02T10:00:00.000Z', answeredMinutes: 60, ...on });
    await insertTimedCase(db, { openedAt: '2026-03-03T10:00:00.000Z', answeredMinutes: 180, ...on });
    await insertTimedCase(db, { openedAt: '2026-03-04T10:00:00.000Z', answeredMinutes: 120, language: 'cy', ...on });
    await insertTimedCase(db, { openedAt: '2026-03-05T10:00:00.000Z', answeredMinutes: 600, late: true, language: 'cy', ...on });
  }

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('the head of digital chooses a period, corrects a date, and sees that Welsh cases were slower', () => suite().inNewContext(mode, async (page) => {
        await seedCases();
        await suite().signInAs(page, mode, 'head-of-digital');
        await followNavigation(page, 'Service levels');
        assert.equal(pathOf(page), '/reports/service-levels');
        await checkPage(page, mode, 'Service levels');

        await page.getByLabel('From').fill('2026-03-31');
        await page.getByLabel('To (included)').fill('2026-03-01');
        await submitForm(page, 'Show service levels');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'The end date must be the same as or after the start date', href: '#to' }]);
        assert.equal(await fieldError(page, 'to'), 'The end date must be the same as or after the start date');
        await checkPage(page, mode, 'Service levels');

        await page.getByLabel('From').fill('2026-03-01');
        await page.getByLabel('To (included)').fill('2026-03-31');
        await submitForm(page, 'Show service levels');
        assert.match(await page.locator('.govuk-warning-text').innerText(), /Welsh cases were answered more slowly than English ones/);
        const channelRow = page.locator('#channels').getByRole('row', { name: /^Benefits on Mastodon/ });
        assert.deepEqual(await channelRow.getByRole('cell').allInnerTexts(), ['4', '4', '2.5 working hours', '7.9 working hours', '75% (3 of 4)', '0']);
        const welshRow = page.locator('#channels-by-language').getByRole('row', { name: /^Benefits on Mastodon/ });
        assert.deepEqual((await welshRow.getByRole('cell').allInnerTexts()).slice(0, 2), ['6 working hours', '2 working hours']);
        assert.equal(await page.getByRole('link', { name: 'Download these tables as a CSV file' }).getAttribute('href'), '/reports/service-levels.csv?from=2026-03-01&to=2026-03-31');
        await checkPage(page, mode, 'Service levels');
      }));
    });
  }
});
