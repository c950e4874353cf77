import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { permissions } from '../platform/auth/roles.js';
import { describeIssues, jsonPath } from './policy-errors.js';
import { allRules } from './rules/all-rules.js';
import { severities, type PreElectionPeriod, type Rule, type Severity } from './rules/rule.js';
import { trustLevels, type TrustLevel } from './trust.js';

/** What an admin may set a rule's findings to: a severity, or `off` to stop the rule. */
export type SeveritySetting = Severity | 'off';

/** How checked drafts are routed to review. */
export interface RoutingPolicy {
  /** The trust level of anyone an admin has not given one. */
  defaultTrust: TrustLevel;
  /** The role that also sees high-risk drafts with political findings; null when the organisation has no such role. */
  pressOfficeRole: string | null;
  /** How long a reviewer has, in working hours on the organisation's calendar, before the review goes up a level. */
  reviewDueWorkingHours: number;
}

/** The guidance check's settings, validated: each rule's section, severity changes, pre-election periods and routing. */
export interface GuidancePolicy {
  /** Each rule's section, by rule id, validated by that rule's schema (a rule missing here runs with its defaults). */
  rules: Readonly<Record<string, unknown>>;
  /** Severities that replace a rule's own for all its findings, by rule id; `off` stops the rule. */
  severities: Readonly<Record<string, SeveritySetting>>;
  preElectionPeriods: readonly PreElectionPeriod[];
  routing: RoutingPolicy;
}

/** A policy file that cannot be used: every problem, each naming where it is. */
export class PolicyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the guidance policy is not valid: ${problems.join('; ')}`);
    this.name = 'PolicyError';
  }
}

/** The keys of a policy file that are not rule ids. */
const SETTINGS = ['severities', 'preElectionPeriods', 'routing'] as const;
/** A key with this name is a note for people, ignored wherever it appears. */
const COMMENT = '$comment';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;
const isoDay = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });

const preElectionPeriod = z
  .object({ name: z.string().trim().min(1, 'give the period a name, e.g. "Senedd election 2026"'), from: isoDay, to: isoDay })
  .strict()
  .refine((period) => !(ISO_DAY.test(period.from) && ISO_DAY.test(period.to)) || period.from <= period.to, {
    message: '"from" must be on or before "to"',
    path: ['to'],
  });

/**
 * The roles a policy may name as the press office: those that may decide on reviews, less the ones that already decide
 * on every review (naming them would change nothing, and is most likely a mistake).
 */
export const pressOfficeRoles: readonly string[] = permissions['reviews:decide'].filter((role) => role !== 'admin' && role !== 'head-of-digital');

const pressOfficeRole = z
  .string()
  .trim()
  .refine((role) => pressOfficeRoles.includes(role), {
    error: `must name a role that decides on reviews: ${pressOfficeRoles.map((role) => JSON.stringify(role)).join(' or ')}; use null for none`,
  });

const routingSchema = z
  .object({
    defaultTrust: z.enum(trustLevels).default('supervised'),
    pressOfficeRole: pressOfficeRole.nullable().default(null),
    reviewDueWorkingHours: z.number().positive('must be more than 0').max(1000, 'must be at most 1000').default(2),
  })
  .strict();

const severitySetting = z.enum([...severities, 'off']);

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== COMMENT).map(([key, inner]) => [key, withoutComments(inner)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The policy Parley ships: every rule's defaults, no severity changes, no pre-election period, everyone supervised. */
export const defaultPolicy: GuidancePolicy = policyFrom(allRules, {});

/**
 * Validates a policy file's JSON against the rules it configures. Every key is optional: a rule left out runs with
 * its defaults, and a rule's section need only name the settings it changes. Throws a {@link PolicyError} listing every problem as `path: what is wrong`.
 */
export function parsePolicy(json: unknown, rules: readonly Rule<unknown>[] = allRules): GuidancePolicy {
  const cleaned = withoutComments(json);
  if (!isRecord(cleaned)) throw new PolicyError(['the policy must be a JSON object whose keys are rule ids and settings']);
  return policyFrom(rules, cleaned);
}

function policyFrom(rules: readonly Rule<unknown>[], file: Record<string, unknown>): GuidancePolicy {
  const problems: string[] = [];
  const ids = new Set(rules.map((rule) => rule.id));
  for (const key of Object.keys(file)) {
    if (!ids.has(key) && !SETTINGS.some((setting) => setting === key)) {
      problems.push(`${key}: not a rule id or a setting (rules: ${[...ids].join(', ')}; settings: ${SETTINGS.join(', ')})`);
    }
  }

  const sections: Record<string, unknown> = {};
  for (const rule of rules) {
    const given = file[rule.id];
    if (given === undefined) {
      sections[rule.id] = rule.defaults;
      continue;
    }
    // A section names only the settings it changes: the rest keep the rule's defaults (a list given replaces the default list).
    const merged = isRecord(given) && isRecord(rule.defaults) ? { ...rule.defaults, ...given } : given;
    const parsed = rule.policy.safeParse(merged, { reportInput: true });
    if (!parsed.success) {
      problems.push(...describeIssues(parsed.error, [rule.id]));
      continue;
    }
    sections[rule.id] = parsed.data;
    // A schema that drops unknown keys would let a misspelt setting pass unnoticed.
    if (isRecord(given) && isRecord(parsed.data)) {
      const known = parsed.data;
      for (const key of Object.keys(given)) if (!(key in known)) problems.push(`${jsonPath([rule.id, key])}: unknown setting`);
    }
  }

  const settings = z
    .object({
      severities: z.record(z.string(), severitySetting).default({}),
      preElectionPeriods: z.array(preElectionPeriod).default([]),
      routing: routingSchema.default({ defaultTrust: 'supervised', pressOfficeRole: null, reviewDueWorkingHours: 2 }),
    })
    .safeParse({ severities: file.severities, preElectionPeriods: file.preElectionPeriods, routing: file.routing }, { reportInput: true });
  if (!settings.success) {
    problems.push(...describeIssues(settings.error));
    throw new PolicyError(problems);
  }
  for (const id of Object.keys(settings.data.severities)) {
    if (!ids.has(id)) problems.push(`severities.${id}: no rule has this id (rules: ${[...ids].join(', ')})`);
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return { rules: sections, ...settings.data };
}

/** Reads and validates a policy file; a file that cannot be read or is not JSON is a {@link PolicyError} too. */
export async function readPolicyFile(path: string, rules: readonly Rule<unknown>[] = allRules): Promise<GuidancePolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError([`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PolicyError([`${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parsePolicy(json, rules);
}
