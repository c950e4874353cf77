import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createWebApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/config.js';
import type { DatabaseHandle } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { createUser, ensureFirstAdmin } from '../../src/platform/auth/users.js';
import { findUserByEmail } from '../../src/platform/auth/users-repository.js';
import type { Role } from '../../src/platform/auth/roles.js';
import type { TestDialect } from './test-databases.js';

/** A web app on a fresh database, for route tests through inject(). */
export interface TestApp {
  app: FastifyInstance;
  storage: DatabaseHandle;
  /** The app's data folder (its generated secret key lives there). */
  dataDir: string;
  close(): Promise<void>;
}

/** Builds Parley's web app on a fresh database of the dialect, with extra environment settings if given. */
export async function startTestApp(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent', PARLEY_RATE_LIMIT_PER_MINUTE: '0', ...env });
  const storage = await dialect.open();
  const app = await createWebApp(config, storage, createLogger('silent'));
  return {
    app,
    storage,
    dataDir,
    close: async () => {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value of a cookie the response sets, if it sets it. */
export function setCookie(response: LightMyRequestResponse, name: string): { value: string; raw: string } | undefined {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header === undefined ? [] : [header];
  const raw = all.find((c) => c.startsWith(`${name}=`));
  return raw === undefined ? undefined : { value: raw.slice(name.length + 1).split(';')[0] ?? '', raw };
}

/** The hidden CSRF field of the first form on a page. */
export function csrfField(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no CSRF field');
  return match[1];
}

/** A browser-like client: keeps cookies and fills in CSRF tokens from the last page it fetched. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private lastCsrf = '';

  constructor(private readonly app: FastifyInstance) {}

  /** The cookie header this client sends. */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The CSRF token of the last page fetched. */
  get csrf(): string {
    return this.lastCsrf;
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match?.[1]) this.lastCsrf = match[1];
    return response;
  }

  /** GET a page. */
  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } }));
  }

  /** POST a form with the CSRF token from the last page (unless the fields give their own `_csrf`). */
  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    body.set('_csrf', this.lastCsrf);
    for (const [key, value] of Object.entries(fields)) {
      if (Array.isArray(value)) {
        body.delete(key);
        for (const v of value) body.append(key, v);
      } else body.set(key, value);
    }
    return this.remember(await this.app.inject({
      method: 'POST', url, payload: body.toString(),
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    }));
  }

  /** Signs in through the sign-in page. */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

/** Makes an active account with a chosen password (no forced change), for tests that need a signed-in role. */
export async function makeUser(storage: DatabaseHandle, email: string, roles: Role[], password = 'a sound test passphrase'): Promise<{ id: string; email: string; password: string }> {
  await ensureFirstAdmin(storage.db, 'admin@example.gov.uk');
  const { user } = await createUser(storage.db, { type: 'system', label: 'test' }, { email, name: email.split('@')[0] ?? email, roles });
  const { hashPassword } = await import('../../src/platform/auth/passwords.js');
  await storage.db.updateTable('users').set({ password_hash: await hashPassword(password), must_change_password: 0 }).where('id', '=', user.id).execute();
  const found = await findUserByEmail(storage.db, email);
  if (!found) throw new Error('user not made');
  return { id: found.id, email, password };
}
