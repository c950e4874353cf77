import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createWebApp, openStorage } from '../../src/app.js';
import { demoPeople, loadDemoOrganisation } from '../../src/demo/organisation.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/platform/config/config.js';
import type { Database } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';

/** Where the browser tests expect Debian's chromium. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Flags for a headless chromium on a machine without internet: without the background-networking ones chromium keeps
 * trying to reach Google's services and floods the log with refused connections.
 */
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
] as const;

/** Launches Debian's chromium through playwright-core; fails with what to install when it is missing. */
export async function launchBrowser(executablePath: string = chromiumPath): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`The browser tests need Debian's chromium at ${executablePath}, which is missing. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath, args: [...chromiumArgs] });
}

/** A way the browser tests run a flow: with JavaScript (the enhanced pages) or without it (what every page must support). */
export interface BrowserMode {
  name: string;
  javaScriptEnabled: boolean;
}

/** Every flow runs in both modes. */
export const browserModes: readonly BrowserMode[] = [
  { name: 'with JavaScript', javaScriptEnabled: true },
  { name: 'without JavaScript', javaScriptEnabled: false },
];

/** Contexts made without JavaScript: axe cannot run inside them, so their pages are checked from a copy. */
const contextsWithoutScripts = new WeakSet<BrowserContext>();

/** A fresh browser context (its own cookies) for one flow, in the given mode. */
export async function newFlowContext(browser: Browser, mode: BrowserMode): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: mode.javaScriptEnabled, locale: 'en-GB', timezoneId: 'Europe/London' });
  if (!mode.javaScriptEnabled) contextsWithoutScripts.add(context);
  return context;
}

/** The WCAG rule sets every page must pass: 2.0, 2.1 and 2.2, levels A and AA. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => `    at ${node.target.map(String).join(' >> ')}`);
  return [`  ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`, ...targets].join('\n');
}

/** Pages that passed, by browser: a page whose document is the same as one that passed is not checked again. */
const passedPages = new WeakMap<Browser, Set<string>>();

/** What identifies a page's document for axe: its address and markup, less the CSRF token and nonce that change each time. */
function documentKey(scripts: boolean, url: string, html: string): string {
  const address = new URL(url);
  const markup = html.replace(/(name="_csrf" value=")[^"]*"/g, '$1"').replace(/ nonce="[^"]*"/g, '');
  return createHash('sha256').update(`${scripts}\n${address.origin}${address.pathname}\n${markup}`).digest('hex');
}

/**
 * Checks the page as it is now with axe-core against the WCAG 2.2 A and AA rules; fails listing each violation with
 * its id, what it asks for and the selectors of the elements at fault. A document identical to one that has already
 * passed in this browser (a page seen again in another flow) is not checked twice: axe would find the same.
 *
 * With JavaScript disabled, chromium runs no timers in the page, and axe needs them; so the page's HTML, which no script
 * has touched, is served again at the same address to a scripting context whose policy lets no page script run, and
 * axe checks that copy with the same stylesheets and fonts.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const context = page.context();
  const browser = context.browser();
  if (!browser) throw new Error('The page has no browser');
  const scripts = !contextsWithoutScripts.has(context);
  const html = await page.content();
  const key = documentKey(scripts, page.url(), html);
  let passed = passedPages.get(browser);
  if (passed?.has(key)) return;
  const violations = scripts ? await violationsOf(page) : await violationsOfCopy(browser, page, html);
  if (violations.length > 0) assert.fail(`axe found accessibility problems on ${page.url()}:\n${violations.map(describeViolation).join('\n')}`);
  if (!passed) {
    passed = new Set();
    passedPages.set(browser, passed);
  }
  passed.add(key);
}

async function violationsOf(page: Page): Promise<Result[]> {
  // Legacy mode runs axe in the page itself; the default opens a blank page per check to merge frame results, and
  // Parley's pages have no frames.
  const results = await new AxeBuilder({ page }).withTags([...wcagTags]).setLegacyMode().analyze();
  return results.violations;
}

/** A scripting page that shows copies of pages from contexts without JavaScript for axe to check, one at a time. */
interface CopyChecker {
  page: Page;
  copy: { url: string; html: string } | undefined;
  queue: Promise<unknown>;
}

const copyCheckers = new WeakMap<Browser, Promise<CopyChecker>>();

async function openCopyChecker(browser: Browser): Promise<CopyChecker> {
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'en-GB', timezoneId: 'Europe/London' });
  const checker: CopyChecker = { page: await context.newPage(), copy: undefined, queue: Promise.resolve() };
  // Only the copied document is served from here; its stylesheets, fonts and images come from Parley as usual.
  await checker.page.route((address) => address.href === checker.copy?.url, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': "script-src 'none'" },
    body: checker.copy?.html ?? '',
  }));
  return checker;
}

async function violationsOfCopy(browser: Browser, page: Page, html: string): Promise<Result[]> {
  const url = new URL(page.url());
  url.hash = '';
  let opening = copyCheckers.get(browser);
  if (!opening) {
    opening = openCopyChecker(browser);
    copyCheckers.set(browser, opening);
  }
  const checker = await opening;
  const check = checker.queue.then(async () => {
    checker.copy = { url: url.href, html };
    await checker.page.goto('about:blank');
    await checker.page.goto(url.href);
    const [original, copied] = [await page.title(), await checker.page.title()];
    if (copied !== original) throw new Error(`The copy of ${url.href} for axe shows "${copied}", not "${original}"`);
    return violationsOf(checker.page);
  });
  checker.queue = check.catch(() => undefined);
  return check;
}

/** A real Parley listening on a free local port, on a fresh SQLite database in its own temporary folder. */
export interface RunningParley {
  /** Where it answers, such as http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
  db: Kysely<Database>;
  /** Stops the server, closes the database and deletes the folder. */
  close(): Promise<void>;
}

/** Starts Parley as `parley start` would, quiet and without a rate limit, on a new temporary data folder. */
export async function startParley(): Promise<RunningParley> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-browser-'));
  try {
    const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0' });
    const storage = await openStorage(config);
    try {
      const server = await createWebApp(config, storage, createLogger(config.logLevel));
      const address = await server.listen({ port: 0, host: '127.0.0.1' }).then(() => server.server.address(), async (error: unknown) => {
        await server.close();
        throw error;
      });
      if (address === null || typeof address === 'string') {
        await server.close();
        throw new Error(`Parley is not listening on a TCP port: ${String(address)}`);
      }
      return {
        baseUrl: `http://127.0.0.1:${address.port}`,
        db: storage.db,
        close: async () => {
          try {
            await server.close();
          } finally {
            try {
              await storage.close();
            } finally {
              await rm(dataDir, { recursive: true, force: true });
            }
          }
        },
      };
    } catch (error) {
      await storage.close();
      throw error;
    }
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Presses a form's submit button and waits until the page it leads to (the same form again, or another) has loaded. */
export async function submitForm(page: Page, buttonName: string): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Follows a link of the service navigation, as a person would rather than typing the address. */
export async function followNavigation(page: Page, text: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: text, exact: true }).click();
  await page.waitForLoadState('load');
}

/** Signs in on the sign-in page (checking it with axe) with the email and password given, and waits for the page it leads to. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submitForm(page, 'Sign in');
}

/**
 * Checks the page a flow has reached: its main heading, that GOV.UK Frontend's scripts ran exactly when the mode has
 * JavaScript (so a flow "without JavaScript" really had none), and that axe finds no WCAG 2.2 A or AA violation.
 */
export async function checkPage(page: Page, mode: BrowserMode, heading: string): Promise<void> {
  assert.equal((await page.locator('h1').first().innerText()).trim(), heading, `the page at ${page.url()} has the wrong heading`);
  const enhanced = await page.locator('body.govuk-frontend-supported').count();
  assert.equal(enhanced, mode.javaScriptEnabled ? 1 : 0, `GOV.UK Frontend ${mode.javaScriptEnabled ? 'did not run' : 'ran'} on ${page.url()}`);
  await expectNoAxeViolations(page);
}

/** What a file of browser tests shares: one browser, and one Parley holding the demo organisation. */
export interface BrowserSuite {
  browser: Browser;
  parley: RunningParley;
  /** The password of every demo account (none of them has to change it). */
  demoPassword: string;
  /** Runs a flow on a new page in a new context (no cookies) of the given mode, and closes the context after. */
  inNewContext(mode: BrowserMode, flow: (page: Page, baseUrl: string) => Promise<void>): Promise<void>;
  /** Signs in as the first demo account with the role and checks the home page it lands on. */
  signInAs(page: Page, mode: BrowserMode, role: Role): Promise<void>;
}

/**
 * Registers hooks, in the describe block it is called in, that launch chromium and start Parley with the demo
 * organisation before its tests and close both after; returns a function that gives them to each test.
 */
export function useBrowserSuite(): () => BrowserSuite {
  let suite: BrowserSuite | undefined;
  let browser: Browser | undefined;
  let parley: RunningParley | undefined;
  before(async () => {
    const [launched, started] = await Promise.allSettled([launchBrowser(), startParley()]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'fulfilled') parley = started.value;
    if (launched.status === 'rejected') throw asError(launched.reason);
    if (started.status === 'rejected') throw asError(started.reason);
    const openBrowser = launched.value;
    const running = started.value;
    const demo = await loadDemoOrganisation(running.db);
    if (!demo) throw new Error('The demo organisation did not load into the new database');
    suite = {
      browser: openBrowser,
      parley: running,
      demoPassword: demo.password,
      inNewContext: async (mode, flow) => {
        const context = await newFlowContext(openBrowser, mode);
        try {
          await flow(await context.newPage(), running.baseUrl);
        } finally {
          await context.close();
        }
      },
      signInAs: async (page, mode, role) => {
        const person = demoPerson(role);
        await signIn(page, running.baseUrl, person.email, demo.password);
        assert.equal(pathOf(page), '/', `${person.email} did not land on the home page`);
        await checkPage(page, mode, `Welcome, ${person.name}`);
      },
    };
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      await parley?.close();
    }
  });
  return () => {
    if (!suite) throw new Error('The browser or Parley did not start; see the error of the before hook');
    return suite;
  };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** The first demo account with the role. */
export function demoPerson(role: Role): { email: string; name: string } {
  const person = demoPeople.find((p) => p.roles.includes(role));
  if (!person) throw new Error(`The demo organisation has nobody with the ${role} role`);
  return person;
}

/** The links of the GOV.UK error summary: each message and the field it goes to. */
export async function errorSummaryLinks(page: Page): Promise<{ text: string; href: string | null }[]> {
  const found: { text: string; href: string | null }[] = [];
  for (const link of await page.locator('.govuk-error-summary a').all()) {
    found.push({ text: (await link.innerText()).trim(), href: await link.getAttribute('href') });
  }
  return found;
}

/** The error message shown on a field (GOV.UK's `<id>-error`), without its visually hidden "Error:" prefix. */
export async function fieldError(page: Page, fieldId: string): Promise<string> {
  return (await page.locator(`#${fieldId}-error`).innerText()).replace(/^Error:\s*/, '').trim();
}

/** The path of the page's address, to compare where a flow has landed. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}
