import type { Problem } from '../platform/errors/app-error.js';
import type { GuidancePolicy } from './policy.js';

/** A validated policy written back as a policy file's JSON: rule sections by id, then the settings. */
export function policyDocument(policy: GuidancePolicy): Record<string, unknown> {
  return { ...policy.rules, severities: policy.severities, preElectionPeriods: policy.preElectionPeriods, routing: policy.routing };
}

/** JSON with object keys sorted at every level, so that equal settings compare equal whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  // A list may hold undefined, which JSON writes as null.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** The top-level keys (rule ids and settings) whose effective values differ between two policies, sorted. */
export function changedSections(before: GuidancePolicy, after: GuidancePolicy): string[] {
  const was = policyDocument(before);
  const is = policyDocument(after);
  const keys = new Set([...Object.keys(was), ...Object.keys(is)]);
  return [...keys].filter((key) => canonical(was[key]) !== canonical(is[key])).sort();
}

/** A policy problem (`path: what is wrong`) as a problem with its JSON path apart; a problem with no path keeps it empty. */
export function policyProblem(text: string): Problem {
  const match = /^(\S+?): (.*)$/su.exec(text);
  return match?.[1] !== undefined && match[2] !== undefined ? { path: match[1], message: match[2] } : { path: '', message: text };
}
