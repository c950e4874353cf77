import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-repository.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formBody, formWithErrors, textField } from '../../platform/http/forms.js';
import { replyLanguages } from './reply-input.js';
import type { Reply } from './reply-repository.js';
import { draftCaseReply, draftChannelPost, editReply, submitReply, type Author } from './replies.js';
import { countLine, savedRepliesFor } from './reply-views.js';
import type { PlaceholderValues } from './saved-replies.js';

/** The compose page's template. */
export const composeTemplate = 'engagement/replies/views/reply-compose.njk';

/** What a compose page is about: a case (a reply) or a channel (a new post). */
export interface ComposeTarget {
  kind: 'case' | 'channel';
  id: string;
  channel: Channel;
  placeholders: PlaceholderValues;
  /** The author's own draft being continued, if any. */
  draft: Reply | undefined;
  page: Record<string, unknown>;
}

/** The signed-in person as the author of a reply. */
export function authorOf(request: FastifyRequest): { author: Author; user: User } {
  const { user } = request;
  if (!user) throw new AppError('unauthenticated');
  return { author: { type: 'user', id: user.id, label: user.email }, user };
}

/** The data of a compose page with these values in its form. */
export async function composeData(db: Kysely<Database>, user: User, target: ComposeTarget, values: { text: string; language: string }): Promise<Record<string, unknown>> {
  return {
    ...target.page, channel: target.channel, values, count: countLine(target.channel, values.text), draft: target.draft,
    savedReplies: await savedRepliesFor(db, user, target.placeholders), languages: replyLanguages,
  };
}

function formValues(body: Record<string, unknown>): { text: string; language: string } {
  const language = textField(body.language);
  return { text: textField(body.text), language: language === '' ? 'en' : language };
}

/**
 * Handles the compose form: insert a saved reply (no change stored), or save the draft and, with "Submit", submit it.
 * Validation problems, and a refusal because someone else's reply is on its way, come back on the form.
 */
export async function handleCompose(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, target: ComposeTarget, done: (saved: Reply, submitted: boolean) => string): Promise<string> {
  const { author, user } = authorOf(request);
  const body = formBody(request.body);
  const values = formValues(body);
  const action = textField(body.action);
  if (action === 'insert') {
    const saved = (await savedRepliesFor(db, user, target.placeholders)).find((s) => s.id === textField(body.savedReplyId));
    if (!saved) return formWithErrors(reply, composeTemplate, [{ path: 'savedReplyId', message: 'Choose a saved reply to insert' }], await composeData(db, user, target, values));
    const text = values.text.trim() === '' ? saved.text : `${values.text.trimEnd()}\n\n${saved.text}`;
    return reply.page(composeTemplate, await composeData(db, user, target, { text, language: saved.language }));
  }
  try {
    const input = { text: values.text, language: values.language };
    const saved = target.draft ? await editReply(db, author, target.draft.id, input)
      : target.kind === 'case' ? await draftCaseReply(db, author, target.id, input) : await draftChannelPost(db, author, target.id, input);
    const submitted = action === 'submit' ? await submitReply(db, author, saved.id) : saved;
    return await reply.redirect(done(submitted, action === 'submit'), 303);
  } catch (error) {
    if (!(error instanceof AppError) || !['validation_failed', 'conflict', 'forbidden'].includes(error.code)) throw error;
    const problems = error.problems.length > 0 ? error.problems : [{ path: 'text', message: error.message }];
    return await formWithErrors(reply, composeTemplate, problems, await composeData(db, user, target, values));
  }
}
