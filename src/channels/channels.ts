import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit, type Actor } from '../platform/audit/audit-log.js';
import { findTeam } from '../platform/auth/teams.js';
import type { Database } from '../platform/db/database.js';
import { nowDbTime } from '../platform/db/time.js';
import { AppError, validationFailed, type Problem } from '../platform/errors/app-error.js';
import { problemsOf } from '../platform/errors/validation.js';
import type { CredentialCipher } from '../platform/secrets/encryption.js';
import type { AccountCheck, BlueskySession } from '../engagement/publishing/index.js';
import { channelAccountInput, channelConfigs, channelPlanInput, newChannelInput, type ChannelPlanInput, type ChannelPlatform } from './channel-plan.js';
import { findChannel, findSealedCredentials, type Channel } from './channel-repository.js';
import { sealSession } from './channel-session.js';
import { noteChannelChange } from './channel-choices.js';

/**
 * Asks the platform whether an account's credentials work (see channel-publisher.ts). A Bluesky check signs in, and
 * the session it gets is handed to `onSession` so that publishing can go on with it.
 */
export type AccountChecker = (account: { platform: ChannelPlatform; config: Record<string, unknown>; secret: string; onSession?: (session: BlueskySession) => void }) => Promise<AccountCheck>;

function parse<T>(schema: z.ZodType<T>, input: unknown, extra: readonly Problem[] = []): T {
  const parsed = schema.safeParse(input);
  const problems = [...(parsed.success ? [] : problemsOf(parsed.error)), ...extra];
  if (!parsed.success || problems.length > 0) throw validationFailed(problems);
  return parsed.data;
}

function parseConfig(platform: ChannelPlatform, input: unknown): { config: Record<string, unknown>; problems: Problem[] } {
  const raw = input !== null && typeof input === 'object' && 'config' in input ? input.config : {};
  const parsed = channelConfigs[platform].safeParse(raw);
  return parsed.success ? { config: parsed.data, problems: [] } : { config: {}, problems: problemsOf(parsed.error).map((p) => ({ ...p, path: `config.${p.path}` })) };
}

async function planColumns(db: Kysely<Database>, plan: ChannelPlanInput) {
  if (plan.teamId !== '' && !(await findTeam(db, plan.teamId))) throw validationFailed([{ path: 'teamId', message: 'Choose a team from the list' }]);
  if ((plan.promiseAmount === undefined) !== (plan.promiseUnit === undefined)) {
    throw validationFailed([{ path: plan.promiseAmount === undefined ? 'promiseAmount' : 'promiseUnit', message: 'Give the promise as a number of working hours or working days' }]);
  }
  return {
    name: plan.name, objectives: plan.objectives, team_id: plan.teamId === '' ? null : plan.teamId, staffed_hours: plan.staffedHours,
    promise_amount: plan.promiseAmount ?? null, promise_unit: plan.promiseUnit ?? null,
  };
}

async function requireChannel(db: Kysely<Database>, id: string): Promise<Channel> {
  const channel = await findChannel(db, id);
  if (!channel) throw new AppError('not_found', 'There is no such channel');
  return channel;
}

async function refuseDuplicateName(db: Kysely<Database>, name: string, except?: string): Promise<void> {
  const same = await db.selectFrom('channels').select('id').where('name', '=', name).executeTakeFirst();
  if (same && same.id !== except) throw validationFailed([{ path: 'name', message: 'There is already a channel with this name' }]);
}

/** Adds a channel as a draft, audited: it is switched on separately, once its plan and account are complete. */
export async function createChannel(db: Kysely<Database>, actor: Actor, cipher: CredentialCipher, input: unknown): Promise<Channel> {
  const platformOk = newChannelInput.shape.platform.safeParse(input !== null && typeof input === 'object' && 'platform' in input ? input.platform : undefined);
  const { config, problems } = platformOk.success ? parseConfig(platformOk.data, input) : { config: {}, problems: [] };
  const data = parse(newChannelInput, input, problems);
  const columns = await planColumns(db, data);
  await refuseDuplicateName(db, data.name);
  const id = randomUUID();
  const now = nowDbTime();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('channels').values({
      id, platform: data.platform, config: JSON.stringify(config), credentials: data.secret ? cipher.encrypt(data.secret) : null, account_handle: null, max_characters: null,
      ...columns, status: 'draft', credentials_problem: null, credentials_checked_at: null, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, actor, { action: 'channel.created', subjectType: 'channel', subjectId: id, details: { platform: data.platform, name: data.name, config, team: columns.team_id } });
  });
  noteChannelChange();
  return requireChannel(db, id);
}

/** Changes a channel's plan, audited. Taking away part of the plan of a channel that is on pauses it. */
export async function updateChannelPlan(db: Kysely<Database>, actor: Actor, id: string, input: unknown): Promise<Channel> {
  const data = parse(channelPlanInput, input);
  const columns = await planColumns(db, data);
  await refuseDuplicateName(db, data.name, id);
  await db.transaction().execute(async (trx) => {
    await requireChannel(trx, id);
    await trx.updateTable('channels').set({ ...columns, updated_at: nowDbTime() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'channel.plan-changed', subjectType: 'channel', subjectId: id, details: { ...columns } });
    const after = await requireChannel(trx, id);
    if (after.status === 'active' && after.missing.length > 0) await setStatus(trx, actor, after, 'paused', 'the plan is no longer complete');
  });
  noteChannelChange();
  return requireChannel(db, id);
}

/**
 * Changes where the account lives and its secret (empty keeps the stored one), audited; the account is checked again
 * on switching on. A stored Bluesky session belongs to the old account or password, so a change forgets it.
 */
export async function updateChannelAccount(db: Kysely<Database>, actor: Actor, cipher: CredentialCipher, id: string, input: unknown): Promise<Channel> {
  const channel = await requireChannel(db, id);
  const { config, problems } = parseConfig(channel.platform, input);
  const data = parse(channelAccountInput, input, problems);
  const changed = Boolean(data.secret) || JSON.stringify(config) !== JSON.stringify(channel.config);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('channels').set({
      config: JSON.stringify(config), ...(data.secret ? { credentials: cipher.encrypt(data.secret), credentials_problem: null, credentials_checked_at: null } : {}),
      ...(changed ? { session: null } : {}), updated_at: nowDbTime(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'channel.account-changed', subjectType: 'channel', subjectId: id, details: { config, secretChanged: Boolean(data.secret) } });
  });
  return requireChannel(db, id);
}

/**
 * Switches a channel on, audited: only with its whole plan, and only once the platform has accepted its credentials
 * (what the platform said is kept on the channel either way).
 */
export async function activateChannel(db: Kysely<Database>, actor: Actor, cipher: CredentialCipher, check: AccountChecker, id: string): Promise<Channel> {
  const channel = await requireChannel(db, id);
  if (channel.missing.length > 0) {
    throw validationFailed(channel.missing.map(({ field, message }) => ({ path: field, message })), 'A channel is switched on only with a complete plan: objectives, an owning team, staffed hours and a response-time promise.');
  }
  const result = await checkChannelAccount(db, cipher, check, channel);
  if (!result.ok) throw validationFailed([{ path: 'secret', message: `${platformName(channel.platform)} refused the credentials: ${result.message}` }]);
  await db.transaction().execute(async (trx) => setStatus(trx, actor, await requireChannel(trx, id), 'active'));
  return requireChannel(db, id);
}

/** Pauses a channel, audited: nothing is published on it until it is switched on again. */
export async function pauseChannel(db: Kysely<Database>, actor: Actor, id: string): Promise<Channel> {
  await db.transaction().execute(async (trx) => setStatus(trx, actor, await requireChannel(trx, id), 'paused'));
  return requireChannel(db, id);
}

/**
 * Checks the channel's credentials with its platform and keeps what it said: the handle and limit, or the problem.
 * The Bluesky session the check signed in with is kept (sealed) for publishing; a refusal forgets any stored one.
 */
export async function checkChannelAccount(db: Kysely<Database>, cipher: CredentialCipher, check: AccountChecker, channel: Channel): Promise<AccountCheck> {
  const sealed = await findSealedCredentials(db, channel.id);
  const signedIn: { session?: BlueskySession } = {};
  const result: AccountCheck = sealed
    ? await check({ platform: channel.platform, config: channel.config, secret: cipher.decrypt(sealed), onSession: (session) => { signedIn.session = session; } })
    : { ok: false, message: 'no credentials have been given', credentialsProblem: true };
  const session = result.ok && signedIn.session ? sealSession(cipher, signedIn.session) : null;
  await db.updateTable('channels').set(result.ok
    ? { account_handle: result.handle, max_characters: result.maxCharacters, credentials_problem: null, credentials_checked_at: nowDbTime(), session }
    : { credentials_problem: result.message, credentials_checked_at: nowDbTime(), session: null }).where('id', '=', channel.id).execute();
  return result;
}

/**
 * Notes that the platform refused the channel's credentials while publishing, audited: publishing on the channel
 * stops (drafts stay) until someone gives new credentials.
 */
export async function recordCredentialsProblem(db: Kysely<Database>, actor: Actor, id: string, message: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('channels').set({ credentials_problem: message, credentials_checked_at: nowDbTime(), session: null }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'channel.credentials-refused', subjectType: 'channel', subjectId: id, details: { message } });
  });
}

/** A channel with its secret opened, for the publisher; undefined when it has none. */
export async function openChannelSecret(db: Kysely<Database>, cipher: CredentialCipher, id: string): Promise<string | undefined> {
  const sealed = await findSealedCredentials(db, id);
  return sealed ? cipher.decrypt(sealed) : undefined;
}

async function setStatus(trx: Kysely<Database>, actor: Actor, channel: Channel, status: 'active' | 'paused', reason?: string): Promise<void> {
  if (channel.status === status) return;
  // A paused channel keeps no live Bluesky session at rest; switching it on signs in again.
  await trx.updateTable('channels').set({ status, ...(status === 'paused' ? { session: null } : {}), updated_at: nowDbTime() }).where('id', '=', channel.id).execute();
  await recordAudit(trx, actor, { action: status === 'active' ? 'channel.activated' : 'channel.paused', subjectType: 'channel', subjectId: channel.id, details: { name: channel.name, ...(reason ? { reason } : {}) } });
}

/** The platform's name as pages write it. */
export function platformName(platform: ChannelPlatform): string {
  return platform === 'mastodon' ? 'Mastodon' : 'Bluesky';
}
