import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { problemsOf } from '../../platform/errors/validation.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import type { CredentialCipher } from '../../platform/secrets/encryption.js';
import { sourceConfigs } from './source-config.js';
import { findSourceRow, toSource, type Source } from './source-repository.js';

const common = z.object({
  name: z.string().trim().min(1, 'Enter a name for the source').max(120, 'Name must be 120 characters or fewer'),
  keepAll: z.boolean().default(false),
  includeOptedOut: z.boolean().default(false),
  retentionDays: z.coerce.number().int().min(1, 'Keep mentions at least 1 day').max(3650, 'Keep mentions at most 10 years').default(365),
  /** A Mastodon access token, when the instance requires one. Empty keeps the stored one. */
  token: z.string().trim().max(500).optional(),
});

/** What a new source needs: its kind, a name, the kind's settings and the common options. */
export const newSourceInput = common.extend({ kind: z.enum(['rss', 'mastodon', 'bluesky', 'webhook'], { error: 'Choose a kind of source' }), config: z.record(z.string(), z.unknown()).default({}) });

/** What may change on a source (not its kind). */
export const sourceChangeInput = common.extend({ config: z.record(z.string(), z.unknown()).default({}) });

/**
 * Validates a source's common fields and its kind's settings together, so that a form shows every problem at once.
 */
function validateSource<T>(schema: z.ZodType<T>, input: unknown, kind: Source['kind'] | undefined): { data: T; config: Record<string, unknown> } {
  const parsed = schema.safeParse(input);
  const problems = parsed.success ? [] : problemsOf(parsed.error).filter((p) => !p.path.startsWith('config'));
  const rawConfig = input !== null && typeof input === 'object' && 'config' in input ? input.config : {};
  const config = kind === undefined ? undefined : sourceConfigs[kind].safeParse(rawConfig);
  if (config && !config.success) problems.push(...problemsOf(config.error).map((p) => ({ ...p, path: `config.${p.path}` })));
  if (problems.length > 0 || !parsed.success || !config?.success) throw validationFailed(problems.length > 0 ? problems : [{ path: 'kind', message: 'Choose a kind of source' }]);
  return { data: parsed.data, config: config.data };
}

function kindOf(input: unknown): Source['kind'] | undefined {
  const kind = input !== null && typeof input === 'object' && 'kind' in input ? input.kind : undefined;
  return kind === 'rss' || kind === 'mastodon' || kind === 'bluesky' || kind === 'webhook' ? kind : undefined;
}

/**
 * Adds a source, audited. A webhook source gets a signing secret, returned here once and stored only sealed.
 */
export async function createSource(db: Kysely<Database>, actor: Actor, cipher: CredentialCipher, input: unknown): Promise<{ source: Source; webhookSecret?: string }> {
  const { data, config } = validateSource(newSourceInput, input, kindOf(input));
  const webhookSecret = data.kind === 'webhook' ? randomBytes(32).toString('base64url') : undefined;
  const secret = webhookSecret ?? (data.token ? data.token : undefined);
  const id = randomUUID();
  const now = nowDbTime();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sources').values({
      id, kind: data.kind, name: data.name, status: 'active', config: JSON.stringify(config), credentials: secret === undefined ? null : cipher.encrypt(secret),
      keep_all: data.keepAll ? 1 : 0, include_opted_out: data.includeOptedOut ? 1 : 0, retention_days: data.retentionDays, state: '{}', next_run_at: now,
      last_run_at: null, last_success_at: null, last_error: null, last_error_at: null, failures: 0, items_received: 0, items_stored: 0, items_malformed: 0,
      lease_owner: null, lease_expires_at: null, created_at: now, updated_at: now,
    }).execute();
    await recordAudit(trx, actor, { action: 'source.created', subjectType: 'source', subjectId: id, details: { kind: data.kind, name: data.name, config } });
  });
  return { source: await requireSource(db, id), ...(webhookSecret !== undefined ? { webhookSecret } : {}) };
}

async function requireSource(db: Kysely<Database>, id: string): Promise<Source> {
  const row = await findSourceRow(db, id);
  if (!row) throw new AppError('not_found', 'There is no such source');
  return toSource(row);
}

/** Changes a source's name, settings and options, audited. An empty token keeps the stored one. */
export async function updateSource(db: Kysely<Database>, actor: Actor, cipher: CredentialCipher, id: string, input: unknown): Promise<Source> {
  const existing = await requireSource(db, id);
  const { data, config } = validateSource(sourceChangeInput, input, existing.kind);
  await db.transaction().execute(async (trx) => {
    await requireSource(trx, id);
    await trx.updateTable('sources').set({
      name: data.name, config: JSON.stringify(config), keep_all: data.keepAll ? 1 : 0, include_opted_out: data.includeOptedOut ? 1 : 0, retention_days: data.retentionDays,
      ...(data.token ? { credentials: cipher.encrypt(data.token) } : {}), updated_at: nowDbTime(), next_run_at: nowDbTime(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'source.updated', subjectType: 'source', subjectId: id, details: { name: data.name, config, tokenChanged: Boolean(data.token), includeOptedOut: data.includeOptedOut } });
  });
  return requireSource(db, id);
}

/** Pauses or resumes a source, audited. A paused source's lease is dropped so its worker lets go. */
export async function setSourceStatus(db: Kysely<Database>, actor: Actor, id: string, status: 'active' | 'paused'): Promise<Source> {
  await db.transaction().execute(async (trx) => {
    const before = await requireSource(trx, id);
    if (before.status === status) return;
    await trx.updateTable('sources').set({ status, updated_at: nowDbTime(), next_run_at: nowDbTime(), ...(status === 'paused' ? { lease_owner: null, lease_expires_at: null } : { failures: 0 }) }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: status === 'paused' ? 'source.paused' : 'source.resumed', subjectType: 'source', subjectId: id, details: { name: before.name } });
  });
  return requireSource(db, id);
}

/** Deletes a source, audited. Its stored mentions stay until retention removes them. */
export async function deleteSource(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requireSource(trx, id);
    await trx.deleteFrom('sources').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'source.deleted', subjectType: 'source', subjectId: id, details: { kind: before.kind, name: before.name } });
  });
}

/** A source with its credentials opened, for the worker that runs it. */
export async function loadSourceForRun(db: Kysely<Database>, cipher: CredentialCipher, id: string): Promise<{ source: Source; secret: string | undefined; state: Record<string, unknown> } | undefined> {
  const row = await findSourceRow(db, id);
  if (!row) return undefined;
  const state: unknown = JSON.parse(row.state);
  return {
    source: toSource(row),
    secret: row.credentials === null ? undefined : cipher.decrypt(row.credentials),
    state: state !== null && typeof state === 'object' && !Array.isArray(state) ? { ...state } : {},
  };
}
