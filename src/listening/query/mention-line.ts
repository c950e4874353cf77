import { z } from 'zod';
import type { MatchablePost } from './post.js';

const strings = z.array(z.string()).optional();
const mention = z.object({
  id: z.string().min(1),
  text: z.string(),
  author: z.string().optional(),
  lang: z.string().optional(),
  source: z.string().optional(),
  links: strings,
  hashtags: strings,
  mentions: strings,
});

/** Reads one line of the `mention` input format (already JSON-parsed) into a post, or says what is wrong with it. */
export function readMentionLine(value: unknown): { post: MatchablePost } | { problem: string } {
  const result = mention.safeParse(value);
  if (result.success) return { post: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return { problem: field === '' ? 'it must be a JSON object with "id" and "text"' : `"${field}" is missing or has the wrong type` };
}
