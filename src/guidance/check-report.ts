import { z } from 'zod';
import { checkDraft } from './check.js';
import type { GuidancePolicy } from './policy.js';
import { routeFor } from './routing.js';
import { principles, type PrincipleId } from './rules/principles.js';
import { riskOrder, severities, type DraftContext } from './rules/rule.js';
import type { TrustLevel } from './trust.js';

const principleIds = Object.keys(principles);
function isPrincipleId(value: string): value is PrincipleId {
  return principleIds.includes(value);
}

/** One finding as the CLI prints it and the API returns it. */
export const reportedFindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(severities),
  message: z.string(),
  principle: z.string().refine(isPrincipleId),
  principleUrl: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  suggestion: z.string().nullable(),
});

/** What `parley check` prints and `POST /api/v1/check` returns. */
export const checkReportSchema = z.object({
  risk: z.enum(riskOrder),
  route: z.enum(['publish', 'team-review', 'head-of-digital', 'blocked']),
  alsoPressOffice: z.boolean(),
  reason: z.string(),
  findings: z.array(reportedFindingSchema),
});

/** The check's result and the route it decides, as plain JSON. */
export type CheckReport = z.output<typeof checkReportSchema>;

/** Checks a draft and routes it for an author of the given trust level. */
export function checkReport(text: string, context: DraftContext, policy: GuidancePolicy, trust: TrustLevel): CheckReport {
  const { risk, findings } = checkDraft(text, context, policy);
  const { route, alsoPressOffice, reason } = routeFor({ risk, findings, trust, context, policy });
  return {
    risk,
    route,
    alsoPressOffice,
    reason,
    findings: findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      principle: finding.principle,
      principleUrl: principles[finding.principle].url,
      start: finding.start,
      end: finding.end,
      suggestion: finding.suggestion ?? null,
    })),
  };
}
