import { z } from 'zod';
import { failureOutcome } from './answer-outcome.js';
import type { HttpResult } from './http-call.js';
import type { PublishOutcome } from './publisher.js';

/** The parts of a Mastodon status Parley reads. */
export const statusSchema = z.object({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().min(1).nullable().optional(),
  created_at: z.string(),
  content: z.string(),
  in_reply_to_id: z.string().nullable().optional(),
});

/** Mastodon's error answer: `{"error": "…"}`. */
const errorSchema = z.object({ error: z.string() });

/** What a failed request to a channel's instance means for publishing, with Mastodon's own words. */
export function mastodonFailure(result: HttpResult, who: string, now: Date): PublishOutcome {
  const body = result.kind === 'answer' ? errorSchema.safeParse(result.body) : undefined;
  return failureOutcome(result, { who, platformMessage: body?.success === true ? body.data.error : undefined, credentialsAdvice: 'Replace the access token on the channel.' }, now);
}
