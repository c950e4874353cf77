import { z } from 'zod';

/** The languages a reply can be written in. */
export const replyLanguages = ['en', 'cy'] as const;

/** The words pages use for each language. */
export const languageNames = { en: 'English', cy: 'Welsh' } as const;

/** A reply's text and language, as a draft is made or changed. */
export const replyInput = z.object({
  text: z.string({ error: 'Enter the text to publish' }).max(10_000, 'The text must be 10,000 characters or fewer'),
  language: z.enum(replyLanguages, { error: 'Choose English or Welsh' }).default('en'),
  /** Marked as essential service information: in a pre-election period only such posts skip review. */
  essentialServiceInformation: z.boolean().default(false),
});

export type ReplyInput = z.infer<typeof replyInput>;

/** A saved reply: a title, a language and a body with `{placeholders}`. */
export const savedReplyInput = z.object({
  teamId: z.string().trim().min(1, 'Choose a team'),
  title: z.string().trim().min(1, 'Enter a title').max(120, 'The title must be 120 characters or fewer'),
  language: z.enum(replyLanguages, { error: 'Choose English or Welsh' }),
  body: z.string().trim().min(1, 'Enter the text of the saved reply').max(5000, 'The text must be 5,000 characters or fewer'),
});
