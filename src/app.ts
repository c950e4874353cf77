import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
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
import { sourceAdapters } from './listening/adapters.js';
import { createIngestRuntime } from './listening/ingest/ingest-runtime.js';
import { startListeningCore, type ListeningCore } from './listening/listening-core.js';
import { applyRetention } from './listening/mentions/retention.js';
import { registerWebhookRoutes } from './listening/sources/webhook/webhook-routes.js';
import { registerWatchRoutes } from './listening/watches/watch-routes.js';
import { registerMentionRoutes } from './listening/mentions/mention-routes.js';
import { registerSourceRoutes } from './listening/sources/source-routes.js';
import { registerCalendarRoutes } from './engagement/calendar/calendar-routes.js';
import { checkWithPlatform } from './channels/channel-publisher.js';
import { registerChannelRoutes } from './channels/channel-routes.js';
import { registerServiceLevelRoutes } from './engagement/service-levels/service-level-routes.js';
import { registerCheckRoutes } from './guidance/check-routes.js';
import { loadBasePolicy } from './guidance/policy-file.js';
import { registerPolicyRoutes } from './guidance/policy-routes.js';
import { effectivePolicyProvider } from './guidance/policy-store.js';
import { startReviewEscalation } from './guidance/review/review-escalation.js';
import { keptReviewCount } from './guidance/review/review-count.js';
import { registerReviewRoutes } from './guidance/review/review-routes.js';
import { registerTrustRoutes } from './guidance/review/trust-routes.js';
import { trustLevelOf } from './guidance/review/trust-store.js';
import { openCasesOnIngest } from './engagement/cases/case-opening.js';
import { purgePresence } from './engagement/cases/case-presence.js';
import { keptWaitingCount } from './engagement/cases/inbox-counts.js';
import { registerCaseRoutes } from './engagement/cases/case-routes.js';
import { createPublishQueue } from './engagement/replies/publish-queue.js';
import { registerReplyRoutes } from './engagement/replies/reply-routes.js';
import { registerSavedReplyRoutes } from './engagement/replies/saved-reply-routes.js';
import { migrations } from './migrations.js';
import { relayThroughPostgres } from './platform/cluster/postgres-relay.js';

/** Parley's version, from package.json. */
export const version: string = (() => {
  const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return parsed !== null && typeof parsed === 'object' && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
})();

/** The service navigation: each area appears for those allowed into it. */
export const navigation: readonly NavItem[] = [
  { text: 'Home', href: '/' },
  {
    text: 'Inbox', href: '/inbox', permission: 'cases:read',
    count: { of: (db, user) => keptWaitingCount(db, { userId: user.id, teamId: user.teamId }), label: 'cases waiting for you' },
  },
  { text: 'Reviews', href: '/reviews', permission: 'reviews:decide', count: { of: (db, user) => keptReviewCount(db, user), label: 'drafts waiting for your review' } },
  { text: 'Mentions', href: '/mentions', permission: 'mentions:read' },
  { text: 'Watches', href: '/watches', permission: 'watches:manage' },
  { text: 'Sources', href: '/sources', permission: 'sources:manage' },
  { text: 'Channels', href: '/channels', permission: 'channels:manage' },
  { text: 'Saved replies', href: '/saved-replies', permission: 'replies:write' },
  { text: 'Service levels', href: '/reports/service-levels', permission: 'reports:read' },
  { text: 'Users', href: '/admin/users', permission: 'users:manage' },
  { text: 'Teams', href: '/admin/teams', permission: 'teams:manage' },
  { text: 'Calendar', href: '/admin/calendar', permission: 'calendar:manage' },
  { text: 'Guidance policy', href: '/admin/guidance-policy', permission: 'guidance:manage' },
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

/** Starts the listening core of a process (the matcher kept in step with the watches). */
export async function startListening(config: Config, storage: DatabaseHandle, logger: Logger): Promise<ListeningCore> {
  const core = await startListeningCore(storage.db, loadSecretKey(config), (error) => logger.warn({ err: error }, 'could not refresh watches'));
  return { ...core, onStored: openCasesOnIngest };
}

/**
 * Builds the web application on open storage: every feature's routes on one server. Without a listening core it makes
 * its own (tests); `parley start` passes the one its ingest shares. It reads the guidance policy file first: an
 * invalid one throws a PolicyFileError.
 */
export async function createWebApp(config: Config, storage: DatabaseHandle, logger: Logger, listening?: ListeningCore): Promise<FastifyInstance> {
  const { db } = storage;
  const guidance = await loadBasePolicy(config.guidancePolicyFile);
  const policyOf = effectivePolicyProvider(db, guidance.policy);
  const core = listening ?? await startListening(config, storage, logger);
  const server = await buildServer({ config, db, logger, secretKey: loadSecretKey(config), navigation });
  if (!listening) server.addHook('onClose', () => { core.watchSync.stop(); });
  await registerOpenApi(server, version);
  registerHealthRoutes(server, db);
  registerAuthRoutes(server, db, config.secureCookies);
  registerHomeRoutes(server);
  registerAccountRoutes(server);
  registerAdminRoutes(server, db);
  registerAuditRoutes(server, db);
  registerAccountApi(server, db);
  registerAuditApi(server, db);
  await registerWebhookRoutes(server, db, core.cipher, core);
  registerWatchRoutes(server, db);
  registerMentionRoutes(server, db);
  registerSourceRoutes(server, db, core.cipher);
  registerCalendarRoutes(server, db);
  registerChannelRoutes(server, db, core.cipher, checkWithPlatform);
  registerCaseRoutes(server, db);
  registerReplyRoutes(server, db, policyOf);
  registerReviewRoutes(server, db);
  registerTrustRoutes(server, db, policyOf);
  registerSavedReplyRoutes(server, db);
  registerServiceLevelRoutes(server, db);
  registerCheckRoutes(server, policyOf, (userId, policy) => trustLevelOf(db, userId, policy.routing.defaultTrust));
  registerPolicyRoutes(server, db, guidance);
  await server.ready();
  return server;
}

/**
 * On PostgreSQL, tells the other servers on the database of this server's changes and hears theirs (see
 * relayThroughPostgres); on SQLite there are none. Returns a function that stops it.
 */
export async function startChangeRelay(config: Pick<Config, 'databaseUrl'>, storage: DatabaseHandle, logger: Logger): Promise<() => Promise<void>> {
  if (storage.dialect !== 'postgres' || config.databaseUrl === undefined) return () => Promise.resolve();
  const relay = await relayThroughPostgres(config.databaseUrl, logger);
  return () => relay.stop();
}

/** Starts the housekeeping timers of a web process; returns a function that stops them. */
export function startHousekeeping(config: Config, storage: DatabaseHandle, logger: Logger): () => void {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  const timer = setInterval(() => {
    purgeExpiredSessions(storage.db, policy).catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired sessions'));
    purgePresence(storage.db, new Date(Date.now() - 60 * 60_000)).catch((error: unknown) => logger.warn({ err: error }, 'could not purge case presence'));
  }, 15 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Starts ingest in this process: the runtime that claims sources by lease and runs them, and the daily retention
 * sweep. Returns a function that stops both and waits for the sources in flight.
 */
export function startIngest(config: Pick<Config, 'allowPrivateSources'>, storage: DatabaseHandle, logger: Logger, listening: ListeningCore): () => Promise<void> {
  const runtime = createIngestRuntime({
    db: storage.db, cipher: listening.cipher, matcher: listening.matcher, onStored: listening.onStored, adapters: sourceAdapters, logger, network: { allowPrivate: config.allowPrivateSources },
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  });
  runtime.start();
  const sweep = () => applyRetention(storage.db).then((deleted) => { if (deleted > 0) logger.info({ deleted }, 'retention: old mentions deleted'); });
  sweep().catch((error: unknown) => logger.warn({ err: error }, 'retention sweep failed'));
  const daily = setInterval(() => { sweep().catch((error: unknown) => logger.warn({ err: error }, 'retention sweep failed')); }, 86_400_000);
  daily.unref();
  return async () => {
    clearInterval(daily);
    await runtime.stop();
  };
}

/**
 * Starts the publish queue in this process: submitted replies are claimed by lease and published at most once; and
 * sends overdue reviews to the next reviewer up. Returns a function that stops it and waits for the attempts in flight.
 */
export function startPublishing(storage: DatabaseHandle, logger: Logger, listening: ListeningCore): () => Promise<void> {
  const queue = createPublishQueue({ db: storage.db, cipher: listening.cipher, logger, owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}` });
  queue.start();
  const stopEscalation = startReviewEscalation(storage.db, logger);
  return () => {
    stopEscalation();
    return queue.stop();
  };
}
