import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-repository.js';
import { loadCalendar } from '../../engagement/calendar/calendar.js';
import { addWorkingDuration } from '../../engagement/calendar/working-time.js';
import { getMention } from '../../listening/mentions/mention-read.js';
import type { Database } from '../../platform/db/database.js';
import { checkReport, type CheckReport } from '../check-report.js';
import type { GuidancePolicy } from '../policy.js';
import type { DraftContext } from '../rules/rule.js';
import type { TrustLevel } from '../trust.js';
import { trustLevelOf } from './trust-store.js';

/** What the check needs to know about a draft to route it. */
export interface DraftToRoute {
  text: string;
  authorId: string;
  channel: Pick<Channel, 'platform' | 'maxCharacters'>;
  /** The mention answered, for its language; null for a new post. */
  mentionId: string | null;
  essentialService: boolean;
}

/** A checked draft: the check's report with its route, the author's trust level, and when a review would be due. */
export interface RoutedDraft {
  report: CheckReport;
  trust: TrustLevel;
  context: DraftContext;
  dueAt: Date;
}

/** The check's context for a draft: the channel's platform and limit, the answered mention's language, the time, the flag. */
export async function draftContext(db: Kysely<Database>, draft: Omit<DraftToRoute, 'text' | 'authorId'>, now: Date): Promise<DraftContext> {
  const mention = draft.mentionId === null ? undefined : await getMention(db, draft.mentionId);
  return {
    platform: draft.channel.platform, maxCharacters: draft.channel.maxCharacters ?? undefined, inReplyToLang: mention?.language,
    now, essentialServiceInformation: draft.essentialService,
  };
}

/** Runs the guidance check on a draft and decides its route for its author; reads only. */
export async function checkAndRoute(db: Kysely<Database>, draft: DraftToRoute, policy: GuidancePolicy, now: Date): Promise<RoutedDraft> {
  const context = await draftContext(db, draft, now);
  const trust = await trustLevelOf(db, draft.authorId, policy.routing.defaultTrust);
  const report = checkReport(draft.text, context, policy, trust);
  const dueAt = addWorkingDuration(await loadCalendar(db), now, { workingHours: policy.routing.reviewDueWorkingHours });
  return { report, trust, context, dueAt };
}

/** What the author is told before submitting: publishes now, or who will review it. */
export function routeMessage(report: Pick<CheckReport, 'route' | 'alsoPressOffice'>): string {
  switch (report.route) {
    case 'publish': return 'It will be published as soon as you submit it.';
    case 'team-review': return 'It will go to a reviewer in the channel’s team before it is published.';
    case 'head-of-digital': return report.alsoPressOffice
      ? 'It will go to the head of digital, and the press office will see it, before it is published.'
      : 'It will go to the head of digital before it is published.';
    case 'blocked': return 'It cannot be submitted until the problems marked as blocking are fixed.';
  }
}
