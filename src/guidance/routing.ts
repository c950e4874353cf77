import type { GuidancePolicy } from './policy.js';
import { preElectionPeriodAt } from './pre-election.js';
import { riskOrder, type DraftContext, type Finding, type Risk } from './rules/rule.js';
import type { TrustLevel } from './trust.js';

/** Where a checked draft goes next. */
export type Route = 'publish' | 'team-review' | 'head-of-digital' | 'blocked';

/** The route, whether the press office sees it too, and why, in words for the author. */
export interface RouteDecision {
  route: Route;
  alsoPressOffice: boolean;
  reason: string;
}

/** What routing needs: the check's result, the author's trust level, where and when the draft is posted, the policy. */
export interface RouteInput {
  risk: Risk;
  findings: readonly Finding[];
  trust: TrustLevel;
  context: Pick<DraftContext, 'now' | 'essentialServiceInformation'>;
  policy: Pick<GuidancePolicy, 'preElectionPeriods'> & { routing: Pick<GuidancePolicy['routing'], 'pressOfficeRole'> };
}

/** The worst risk each trust level may publish without review. */
const PUBLISHES_UP_TO: Readonly<Record<TrustLevel, Risk | undefined>> = {
  supervised: undefined,
  trusted: 'low',
};

/**
 * Decides who must see a draft before it is published. Blocked drafts cannot be submitted; high risk goes to the
 * head of digital (and to the press office too, when the policy names that role, if a finding is political); in a
 * pre-election period everything is reviewed unless marked essential service information; otherwise the author's
 * trust level decides whether the draft publishes at once or goes to a reviewer in the owning team.
 */
export function routeFor({ risk, findings, trust, context, policy }: RouteInput): RouteDecision {
  if (risk === 'blocked') {
    return { route: 'blocked', alsoPressOffice: false, reason: 'The draft cannot be submitted until the blocked findings are fixed.' };
  }
  if (risk === 'high') {
    const political = findings.some((finding) => finding.rule === 'political');
    const alsoPressOffice = political && policy.routing.pressOfficeRole !== null;
    const reason = alsoPressOffice
      ? 'High risk: the head of digital must approve it, and the press office will see it because it touches on politics.'
      : 'High risk: the head of digital must approve it.';
    return { route: 'head-of-digital', alsoPressOffice, reason };
  }
  const period = preElectionPeriodAt(policy.preElectionPeriods, context.now);
  if (period !== undefined && context.essentialServiceInformation !== true) {
    return {
      route: 'team-review',
      alsoPressOffice: false,
      reason: `It is the pre-election period (${period.name}): every post is reviewed unless it is essential service information.`,
    };
  }
  const limit = PUBLISHES_UP_TO[trust];
  if (limit !== undefined && riskOrder.indexOf(risk) <= riskOrder.indexOf(limit)) {
    return { route: 'publish', alsoPressOffice: false, reason: risk === 'none' ? 'No findings: it publishes at once.' : `${capitalised(risk)} risk: it publishes at once.` };
  }
  const why = trust === 'supervised' ? 'Your posts are reviewed by someone in your team before they are published.' : `${capitalised(risk)} risk: someone in your team must review it.`;
  return { route: 'team-review', alsoPressOffice: false, reason: why };
}

/** The text with its first letter in capitals: "low" → "Low". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
