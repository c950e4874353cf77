import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './platform/config/config.js';
import { registerAuditApi, registerAuditRoutes } from './platform/audit/audit-routes.js';
import { registerAdminRoutes } from './platform/auth/admin-routes.js';
import { registerAccountApi } from './platform/auth/api-routes.js';
import { registerAuthRoutes } from './platform/auth/auth-routes.js';
import { purgeExpiredSessions } from './platform/auth/sessions.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { registerHealthRoutes } from './platform/http/health-routes.js';
import type { NavItem } from './platform/http/navigation.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { buildServer } from './platform/http/server.js';
import { loadSecretKey } from './platform/secrets/secret-key.js';
import { registerAccountRoutes } from './web/account-routes.js';
import { registerHomeRoutes } from './web/home-routes.js';
import { migrations } from './migrations.js';

/** Parley's version, from package.json. */
export const version: string = (() => {
  const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return parsed !== null && typeof parsed === 'object' && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
})();

/** The service navigation: each area appears for those allowed into it. */
export const navigation: readonly NavItem[] = [
  { text: 'Home', href: '/' },
  { text: 'Users', href: '/admin/users', permission: 'users:manage' },
  { text: 'Teams', href: '/admin/teams', permission: 'teams:manage' },
  { text: 'Audit log', href: '/admin/audit', permission: 'audit:read' },
  { text: 'Your account', href: '/account' },
];

/** Opens the configured database (PostgreSQL when a URL is set, else SQLite in the data folder) and migrates it. */
export async function openStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<DatabaseHandle> {
  const handle = await openDatabase(config.databaseUrl !== undefined
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', path: join(config.dataDir, 'parley.db') });
  try {
    await migrateToLatest(handle.db, migrations);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** A running Parley: its web server and storage, and how to stop them. */
export interface Parley {
  server: FastifyInstance;
  storage: DatabaseHandle;
  close(): Promise<void>;
}

/** Builds the web application on open storage: every feature's routes on one server. */
export async function createWebApp(config: Config, storage: DatabaseHandle, logger: Logger): Promise<FastifyInstance> {
  const { db } = storage;
  const server = await buildServer({ config, db, logger, secretKey: loadSecretKey(config), navigation });
  await registerOpenApi(server, version);
  registerHealthRoutes(server, db);
  registerAuthRoutes(server, db, config.secureCookies);
  registerHomeRoutes(server);
  registerAccountRoutes(server);
  registerAdminRoutes(server, db);
  registerAuditRoutes(server, db);
  registerAccountApi(server, db);
  registerAuditApi(server, db);
  await server.ready();
  return server;
}

/** Starts the housekeeping timers of a web process; returns a function that stops them. */
export function startHousekeeping(config: Config, storage: DatabaseHandle, logger: Logger): () => void {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  const timer = setInterval(() => {
    purgeExpiredSessions(storage.db, policy).catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired sessions'));
  }, 15 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
