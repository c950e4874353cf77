import { defaultPolicy, type GuidancePolicy, type SeveritySetting } from './policy.js';
import { preElectionPeriodAt } from './pre-election.js';
import { allRules } from './rules/all-rules.js';
import { analyseDraft } from './rules/draft.js';
import { riskOrder, type DraftContext, type Finding, type Risk, type Rule } from './rules/rule.js';

/** What the check says of a draft: its risk (the worst severity found, or none) and every finding. */
export interface CheckResult {
  risk: Risk;
  /** In text order; at the same start, the most severe first. */
  findings: Finding[];
}

interface ActiveRule {
  rule: Rule<unknown>;
  section: unknown;
  severity: SeveritySetting | undefined;
}

const active = new WeakMap<readonly Rule<unknown>[], WeakMap<GuidancePolicy, readonly ActiveRule[]>>();

/** The rules a policy runs, with their sections and severity changes: worked out once per policy object. */
function activeRules(rules: readonly Rule<unknown>[], policy: GuidancePolicy): readonly ActiveRule[] {
  let byPolicy = active.get(rules);
  if (byPolicy === undefined) {
    byPolicy = new WeakMap();
    active.set(rules, byPolicy);
  }
  const known = byPolicy.get(policy);
  if (known !== undefined) return known;
  const list = rules
    .map((rule) => ({ rule, section: policy.rules[rule.id] ?? rule.defaults, severity: policy.severities[rule.id] }))
    .filter((entry) => entry.severity !== 'off');
  byPolicy.set(policy, list);
  return list;
}

/** Orders findings by where they start, then the most severe first, then where they end and by rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.start - b.start ||
    riskOrder.indexOf(b.severity) - riskOrder.indexOf(a.severity) ||
    a.end - b.end ||
    a.rule.localeCompare(b.rule)
  );
}

/** The worst severity among the findings, or `none`. */
export function riskOf(findings: readonly Finding[]): Risk {
  let worst = 0;
  for (const finding of findings) worst = Math.max(worst, riskOrder.indexOf(finding.severity));
  return riskOrder[worst] ?? 'none';
}

/**
 * Checks a draft against the guidance: reads the text once, runs every rule the policy leaves on, applies the
 * policy's severity changes, and gives the findings in text order with the draft's risk. Pure; the pre-election
 * period in force at `context.now` is passed on to the rules. `rules` is for tests; Parley runs them all.
 */
export function checkDraft(
  text: string,
  context: DraftContext,
  policy: GuidancePolicy = defaultPolicy,
  rules: readonly Rule<unknown>[] = allRules,
): CheckResult {
  const draft = analyseDraft(text);
  const fullContext: DraftContext = {
    ...context,
    preElectionPeriod: context.preElectionPeriod ?? preElectionPeriodAt(policy.preElectionPeriods, context.now),
  };
  const findings: Finding[] = [];
  for (const { rule, section, severity } of activeRules(rules, policy)) {
    for (const finding of rule.check(draft, fullContext, section)) {
      findings.push(severity === undefined || severity === 'off' ? finding : { ...finding, severity });
    }
  }
  findings.sort(compareFindings);
  return { risk: riskOf(findings), findings };
}
