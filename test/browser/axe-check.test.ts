import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserModes, expectNoAxeViolations, launchBrowser, newFlowContext } from '../support/browser.js';

// A page with three faults axe must catch: an input without a label, an image without alternative text, and pale text
// from a stylesheet (so the check must see the page's styles as well as its markup, also when it checks a copy).
const pages: Record<string, { type: string; body: string }> = {
  '/good': {
    type: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html lang="en"><head><title>Good</title></head>
<body><main><h1>Good</h1><form><label for="q">Search</label><input type="text" id="q" name="q"></form></main></body></html>`,
  },
  '/faulty': {
    type: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html lang="en"><head><title>Faulty</title><link rel="stylesheet" href="/faulty.css"></head>
<body><main><h1>Faulty</h1><p class="faint">Hard to read</p><img src="/picture.svg"><form><input type="text" name="q"></form></main></body></html>`,
  },
  '/faulty.css': { type: 'text/css', body: '.faint { color: #d0d0d0; }' },
  '/picture.svg': { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>' },
};

describe('launching the browser', () => {
  it('fails saying how to install chromium when it is missing', async () => {
    await assert.rejects(launchBrowser('/nonexistent/chromium'), /missing\. Install it with: apt-get install -y chromium$/);
  });
});

describe('the axe check of the browser tests', () => {
  let browser: Browser | undefined;
  let site: Server | undefined;
  let baseUrl = '';

  before(async () => {
    site = createServer((request, response) => {
      const found = pages[new URL(request.url ?? '/', 'http://localhost').pathname];
      response.writeHead(found ? 200 : 404, { 'content-type': found?.type ?? 'text/plain' });
      response.end(found?.body ?? 'not found');
    });
    const listening = site;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    if (address === null || typeof address === 'string') throw new Error('The test site is not on a TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    const closing = site;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  });

  for (const mode of browserModes) {
    it(`passes a good page and reports each violation of a faulty one with its rule and element, ${mode.name}`, async () => {
      if (!browser) throw new Error('The browser did not start');
      const context = await newFlowContext(browser, mode);
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/good`);
        await expectNoAxeViolations(page);
        await page.goto(`${baseUrl}/faulty`);
        await assert.rejects(expectNoAxeViolations(page), (error: unknown) => {
          assert.ok(error instanceof Error);
          for (const rule of ['label', 'image-alt', 'color-contrast']) assert.match(error.message, new RegExp(`^  ${rule} \\(`, 'm'));
          assert.match(error.message, /^ {4}at p$/m);
          return true;
        });
      } finally {
        await context.close();
      }
    });
  }
});
