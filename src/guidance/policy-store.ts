import type { Kysely } from 'kysely';
import { changeSignal } from '../platform/cluster/change-signal.js';
import { keptUntilChange } from '../platform/cluster/kept-until-change.js';
import { recordAudit, type Actor } from '../platform/audit/audit-log.js';
import type { Database } from '../platform/db/database.js';
import { nowDbTime } from '../platform/db/time.js';
import { validationFailed } from '../platform/errors/app-error.js';
import { defaultBasePolicy, parsePolicyText, type BasePolicy } from './policy-file.js';
import { changedSections, policyDocument, policyProblem } from './policy-document.js';
import { defaultPolicy, PolicyError, type GuidancePolicy } from './policy.js';

/** How long a process keeps the stored policy before reading it again; a change made in this process is seen at once. */
export const policyCacheMs = 30_000;

/** The policy an admin saved, as read back. */
export interface StoredPolicy {
  /** The document as the admin wrote it. */
  text: string;
  /** The validated policy; undefined when the document no longer validates (after an upgrade), so the file or default applies. */
  policy: GuidancePolicy | undefined;
  /** Why the document no longer validates; empty when it does. */
  problems: readonly string[];
  updatedBy: string;
  updatedAt: string;
}

/** Where the policy in force comes from, and the document an admin starts an edit from. */
export interface PolicyState {
  policy: GuidancePolicy;
  source: 'edited' | 'file' | 'default';
  /** The admin's saved policy, if there is one (even one that no longer validates). */
  stored: StoredPolicy | undefined;
  /** The file `PARLEY_GUIDANCE_POLICY` names, if any. */
  file: string | undefined;
  /** The policy as JSON text: the admin's document, the file as written, or Parley's default written out. */
  text: string;
}

// Noted by every change here and heard from this server's other processes: a policy kept from before a change is not used.
const policyChanges = changeSignal('guidance-policy');
// The last document read and its validated policy, so that re-reading an unchanged document every 30 s keeps the
// same policy object (rules compile their lists once per policy object).
const lastParsed = new Map<string, StoredPolicy['policy'] | PolicyError>();

function parseStored(text: string): { policy: GuidancePolicy | undefined; problems: readonly string[] } {
  let parsed = lastParsed.get(text);
  if (parsed === undefined && !lastParsed.has(text)) {
    try {
      parsed = parsePolicyText(text);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      parsed = error;
    }
    lastParsed.clear();
    lastParsed.set(text, parsed);
  }
  return parsed instanceof PolicyError ? { policy: undefined, problems: parsed.problems } : { policy: parsed, problems: [] };
}

async function readStored(db: Kysely<Database>): Promise<StoredPolicy | undefined> {
  const row = await db.selectFrom('guidance_policy').select(['document', 'updated_by_label', 'updated_at']).where('id', '=', 1).executeTakeFirst();
  if (!row) return undefined;
  return { text: row.document, ...parseStored(row.document), updatedBy: row.updated_by_label, updatedAt: row.updated_at };
}

const keptStored = keptUntilChange((db: Kysely<Database>) => readStored(db), { signal: policyChanges, keptMs: policyCacheMs, keyOf: () => 'policy' });

/**
 * The guidance policy in force: the one an admin saved in the product if there is one (and it still validates), else
 * `filePolicy` (the `PARLEY_GUIDANCE_POLICY` file's, or {@link defaultPolicy}). Kept in memory for
 * {@link policyCacheMs}; a change saved through this module is seen at once by this server's processes and by the
 * other servers on a shared PostgreSQL database (relayThroughPostgres), and within that time if a note is lost. `now`
 * is for tests.
 */
export async function loadEffectivePolicy(db: Kysely<Database>, filePolicy: GuidancePolicy = defaultPolicy, now: number = Date.now()): Promise<GuidancePolicy> {
  return (await keptStored(db, undefined, now))?.policy ?? filePolicy;
}

/** A function that gives the policy in force, for routes and services that check drafts. */
export function effectivePolicyProvider(db: Kysely<Database>, filePolicy: GuidancePolicy = defaultPolicy): () => Promise<GuidancePolicy> {
  return () => loadEffectivePolicy(db, filePolicy);
}

function stateOf(stored: StoredPolicy | undefined, base: BasePolicy): PolicyState {
  const fallback: PolicyState = {
    policy: base.policy,
    source: base.file === undefined ? 'default' : 'file',
    stored,
    file: base.file,
    text: base.text ?? JSON.stringify(policyDocument(base.policy), null, 2),
  };
  if (stored === undefined) return fallback;
  return { ...fallback, text: stored.text, ...(stored.policy ? { policy: stored.policy, source: 'edited' } : {}) };
}

/** The policy in force and where it comes from, read afresh (for the admin page and the API). */
export async function readPolicyState(db: Kysely<Database>, base: BasePolicy = defaultBasePolicy): Promise<PolicyState> {
  return stateOf(await readStored(db), base);
}

async function changing<T>(db: Kysely<Database>, change: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(change);
  } finally {
    policyChanges.note();
  }
}

/**
 * Saves a policy document (JSON text, kept as written) as the policy in force, audited in the same transaction with
 * the rule ids and settings it changes. An invalid document is refused with a validation_failed error listing every
 * problem by its JSON path, and nothing is saved. `base` is the file or default policy it replaces.
 */
export async function savePolicy(db: Kysely<Database>, actor: Actor, text: string, base: BasePolicy = defaultBasePolicy): Promise<PolicyState> {
  let policy: GuidancePolicy;
  try {
    policy = parsePolicyText(text);
  } catch (error) {
    if (error instanceof PolicyError) throw validationFailed(error.problems.map(policyProblem), 'The guidance policy is not valid, so it was not saved.');
    throw error;
  }
  return changing(db, async (trx) => {
    const before = stateOf(await readStored(trx), base);
    const values = { document: text, updated_by_id: actor.type === 'user' ? actor.id : null, updated_by_label: actor.label, updated_at: nowDbTime() };
    await trx.insertInto('guidance_policy').values({ id: 1, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(trx, actor, {
      action: 'guidance.policy_saved', subjectType: 'guidance_policy',
      details: { replaced: before.source, changed: changedSections(before.policy, policy) },
    });
    return stateOf({ text, policy, problems: [], updatedBy: actor.label, updatedAt: values.updated_at }, base);
  });
}

/**
 * Removes the admin's policy so that the file (or the default) applies again, audited with what that changes.
 * Returns false, recording nothing, when no admin policy was saved.
 */
export async function resetPolicy(db: Kysely<Database>, actor: Actor, base: BasePolicy = defaultBasePolicy): Promise<boolean> {
  return changing(db, async (trx) => {
    const before = stateOf(await readStored(trx), base);
    if (before.stored === undefined) return false;
    await trx.deleteFrom('guidance_policy').where('id', '=', 1).execute();
    await recordAudit(trx, actor, {
      action: 'guidance.policy_reset', subjectType: 'guidance_policy',
      details: { to: base.file === undefined ? 'default' : 'file', changed: changedSections(before.policy, base.policy) },
    });
    return true;
  });
}
