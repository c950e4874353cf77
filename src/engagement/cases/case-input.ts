import { z } from 'zod';

/** A triage decision: needs a reply; no reply needed, with the reason; or escalated, with where to. */
export const triageInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('needs_reply') }),
  z.object({ decision: z.literal('no_reply_needed'), reason: z.enum(['spam', 'abuse', 'already_answered', 'not_our_remit', 'no_question'], { error: 'Choose why no reply is needed' }) }),
  z.object({ decision: z.literal('escalate'), target: z.enum(['press_office', 'complaints', 'safeguarding'], { error: 'Choose where to escalate the case' }) }),
], { error: 'Choose a decision' });

/** Who a case is assigned to: a person (within its team's reach) and/or a team; empty clears. */
export const assignInput = z.object({
  assigneeId: z.string().trim().max(100).default(''),
  teamId: z.string().trim().max(100).default(''),
});

export const priorityInput = z.object({ priority: z.enum(['low', 'normal', 'high', 'urgent'], { error: 'Choose a priority' }) });

/** Tags: short labels, letters, digits and hyphens. */
export const tagsInput = z.object({
  tags: z.array(z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}][\p{L}\p{N}-]{0,39}$/u, 'Tags are up to 40 letters, digits or hyphens')).max(20, 'A case can have at most 20 tags'),
});

/** Words the pages use for each value. */
export const caseWords = {
  status: { new: 'New', needs_reply: 'Needs a reply', no_reply_needed: 'No reply needed', escalated: 'Escalated', answered: 'Answered' },
  reason: { spam: 'Spam', abuse: 'Abuse', already_answered: 'Already answered', not_our_remit: 'Not our remit', no_question: 'No question asked' },
  target: { press_office: 'Press office', complaints: 'Complaints', safeguarding: 'Safeguarding' },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
} as const;
