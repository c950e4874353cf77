import { z } from 'zod';
import type { Problem } from '../../../platform/errors/app-error.js';
import { problemsOf } from '../../../platform/errors/validation.js';
import type { IncomingMention } from '../../mentions/incoming-mention.js';

const shortText = (max: number) => z.string().trim().max(max, `must be ${max} characters or fewer`);

/** One mention as a sender posts it to a webhook source. `id` is the sender's own id: sending it again updates. */
export const webhookMention = z.object({
  id: shortText(500).min(1, 'is required: the sender’s own id for the item'),
  text: z.string().min(1, 'is required').max(20_000, 'must be 20,000 characters or fewer'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).nullable().optional(),
  authorHandle: shortText(300).nullable().optional(),
  authorName: shortText(300).nullable().optional(),
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/, 'must be a language tag such as cy or en-GB').nullable().optional(),
  createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time, such as 2026-11-21T09:30:00Z' }).optional(),
  links: z.array(z.url({ error: 'must be a web address' })).max(50, 'at most 50 links').optional(),
  hashtags: z.array(shortText(100)).max(50, 'at most 50 hashtags').optional(),
  mentions: z.array(shortText(300)).max(50, 'at most 50 mentions').optional(),
  replyTo: shortText(500).nullable().optional(),
});

const webhookBatch = z.array(webhookMention).min(1, 'must hold at least one mention').max(1000, 'at most 1,000 mentions in one request');

/**
 * Reads a webhook body: one mention (an object) or a batch of up to 1,000 (an array of them), normalised; or every
 * problem, each with its path (`3.text` is the text of the fourth item).
 */
export function readWebhookBody(json: unknown, receivedAt: Date): { ok: true; mentions: IncomingMention[] } | { ok: false; problems: Problem[] } {
  const parsed = Array.isArray(json) ? webhookBatch.safeParse(json) : webhookMention.transform((item) => [item]).safeParse(json);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, mentions: parsed.data.map((item) => toMention(item, receivedAt)) };
}

function toMention(item: z.output<typeof webhookMention>, receivedAt: Date): IncomingMention {
  return {
    sourceKind: 'webhook',
    externalId: item.id,
    url: item.url ?? null,
    authorHandle: item.authorHandle ?? null,
    authorName: item.authorName ?? null,
    text: item.text,
    declaredLanguage: item.language ?? null,
    createdAt: item.createdAt === undefined ? receivedAt.toISOString() : new Date(item.createdAt).toISOString(),
    links: item.links ?? [],
    hashtags: (item.hashtags ?? []).map((tag) => tag.replace(/^#/, '')),
    mentions: (item.mentions ?? []).map((handle) => handle.replace(/^@/, '')),
    replyTo: item.replyTo ?? null,
  };
}
