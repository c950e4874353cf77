import { z } from 'zod';
import { sourceKinds } from '../../listening/mentions/incoming-mention.js';
import { presenceActivities } from './case-presence.js';
import { inboxViews } from './case-repository.js';
import type { CasePriority, CaseStatus, EscalationTarget, NoReplyReason } from './tables.js';

/** Every case status, priority, reason and target, for filters and schemas. */
export const caseStatuses = ['new', 'needs_reply', 'no_reply_needed', 'escalated', 'answered'] as const satisfies readonly CaseStatus[];
export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly CasePriority[];
const noReplyReasons = ['spam', 'abuse', 'already_answered', 'not_our_remit', 'no_question'] as const satisfies readonly NoReplyReason[];
const escalationTargets = ['press_office', 'complaints', 'safeguarding'] as const satisfies readonly EscalationTarget[];

/** The inbox's query string, as the page's filter form and the API send it; empty fields mean "any". */
export const inboxQuery = z.object({
  view: z.enum(inboxViews, { error: 'Choose a view from the list' }).default('mine'),
  status: z.enum(caseStatuses, { error: 'Choose a status from the list' }).optional(),
  priority: z.enum(casePriorities, { error: 'Choose a priority from the list' }).optional(),
  tag: z.string().trim().toLowerCase().max(40, 'Tags are up to 40 characters').optional(),
  channel: z.string().max(100).optional(),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
/** A parsed inbox query string. */
export type InboxQueryInput = z.output<typeof inboxQuery>;

const mentionSchema = z.object({
  id: z.string(), sourceId: z.string(), sourceKind: z.enum(sourceKinds), externalId: z.string(), url: z.string().nullable(), authorHandle: z.string().nullable(),
  authorName: z.string().nullable(), language: z.string(), sentiment: z.object({ score: z.number(), label: z.enum(['negative', 'neutral', 'positive']) }),
  personalDataKinds: z.array(z.string()), createdAt: z.string(), text: z.string(),
});

/** A case as the API gives it. */
export const caseSchema = z.object({
  id: z.string(), status: z.enum(caseStatuses), noReplyReason: z.enum(noReplyReasons).nullable(), escalatedTo: z.enum(escalationTargets).nullable(),
  priority: z.enum(casePriorities), language: z.string(), teamId: z.string().nullable(), teamName: z.string().nullable(), assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(), channelId: z.string().nullable(), channelName: z.string().nullable(), openedAt: z.string(), dueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(), resolvedAt: z.string().nullable(), reopenedCount: z.number(), tags: z.array(z.string()),
  mention: mentionSchema.nullable().describe('The mention that opened the case; null once erased on request'),
});

/** A case with the mentions of its thread. */
export const caseDetailSchema = caseSchema.extend({ thread: z.array(mentionSchema.extend({ addedAt: z.string() })) });

/** A page of the inbox. */
export const casePageSchema = z.object({ cases: z.array(caseSchema), next: z.string().nullable().describe('Pass as after= for the next page; null on the last') });

/** The counts of the inbox's views, and how many cases wait on the viewer (assigned to them, or unassigned in their team). */
export const inboxCountsSchema = z.object({ views: z.record(z.enum(inboxViews), z.number()), waiting: z.number() });

/** Who else is on a case. */
export const presenceSchema = z.object({
  others: z.array(z.object({ userId: z.string(), name: z.string(), activity: z.enum(presenceActivities), seenAt: z.string(), message: z.string() })),
});

/** A presence mark. */
export const presenceInput = z.object({ activity: z.enum(presenceActivities, { error: 'Choose viewing or drafting' }).default('viewing') });
