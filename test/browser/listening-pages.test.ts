import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestBatch } from '../../src/listening/ingest/ingest-batch.js';
import { createMatcher } from '../../src/listening/query/matcher.js';
import { createWatchSync } from '../../src/listening/watches/watch-sync.js';
import { samplePostAsMention } from '../../src/demo/replay-source.js';
import { browserModes, checkPage, errorSummaryLinks, followNavigation, pathOf, submitForm, useBrowserSuite } from '../support/browser.js';

describe('the listening pages in a browser', () => {
  const suite = useBrowserSuite();
  let stored = false;

  /** Replays the demo's sample posts once through the real pipeline, so that the mention pages have something to show. */
  async function storeSampleMentions(): Promise<void> {
    if (stored) return;
    stored = true;
    const { db } = suite().parley;
    const matcher = createMatcher();
    await createWatchSync(db, matcher).refresh();
    const mentions = Array.from({ length: 20 }, (_, i) => samplePostAsMention(i, new Date()));
    await ingestBatch(db, { matcher }, { id: 'browser-test-source', keepAll: false }, { mentions });
  }

  for (const mode of browserModes) {
    describe(mode.name, () => {
      it('an officer adds a watch, with a query error first', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'officer');
        await followNavigation(page, 'Watches');
        assert.equal(pathOf(page), '/watches');
        await checkPage(page, mode, 'Watches');
        await page.getByRole('button', { name: 'Add a watch' }).click();
        await checkPage(page, mode, 'Add a watch');
        await page.getByLabel('Name').fill(`Council tax ${mode.name}`);
        await page.getByLabel('Query').fill('"council tax AND bill');
        await submitForm(page, 'Save watch');
        const [link] = await errorSummaryLinks(page);
        assert.equal(link?.href, '#query');
        assert.match(link.text, /^Line 1, column 1: .*quote/);
        await checkPage(page, mode, 'Add a watch');
        await page.getByLabel('Query').fill('"council tax" AND (bill OR arrears)');
        await submitForm(page, 'Save watch');
        assert.match(pathOf(page), /^\/watches\/[0-9a-f-]{36}$/);
        await checkPage(page, mode, `Council tax ${mode.name}`);
      }));

      it('an officer searches mentions and opens one', () => suite().inNewContext(mode, async (page) => {
        await storeSampleMentions();
        await suite().signInAs(page, mode, 'officer');
        await followNavigation(page, 'Mentions');
        await checkPage(page, mode, 'Mentions');
        await page.getByLabel('Words or "phrases"').fill('bins');
        await submitForm(page, 'Search');
        assert.ok(await page.locator('.parley-result mark').count() > 0, 'matched words are highlighted');
        await checkPage(page, mode, 'Mentions');
        await page.getByLabel('From').fill('yesterday');
        await submitForm(page, 'Search');
        assert.deepEqual(await errorSummaryLinks(page), [{ text: 'Enter a date like 2026-11-01', href: '#from' }]);
        await page.getByLabel('From').fill('');
        await submitForm(page, 'Search');
        await page.locator('.parley-result a').first().click();
        await checkPage(page, mode, 'Mention');
      }));

      it('the head of digital adds a feed source, with an error first', () => suite().inNewContext(mode, async (page) => {
        await suite().signInAs(page, mode, 'head-of-digital');
        await followNavigation(page, 'Sources');
        await checkPage(page, mode, 'Sources');
        await page.getByRole('button', { name: 'Add a source' }).click();
        await checkPage(page, mode, 'Add a source');
        await page.getByLabel('RSS, Atom or JSON feed').check();
        await submitForm(page, 'Continue');
        await page.getByLabel('Feed address').fill('not a web address');
        await submitForm(page, 'Add source');
        const links = await errorSummaryLinks(page);
        assert.deepEqual(links.map((l) => l.href), ['#name', '#config']);
        await checkPage(page, mode, 'Add a source');
        await page.getByLabel('Name').fill(`Council news ${mode.name}`);
        await page.getByLabel('Feed address').fill('https://news.example.gov.uk/feed.xml');
        await submitForm(page, 'Add source');
        await checkPage(page, mode, `Council news ${mode.name}`);
      }));
    });
  }
});
