import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { findChannel } from '../../channels/channel-repository.js';
import { platformName } from '../../channels/channels.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formBody, textField } from '../../platform/http/forms.js';
import { found } from '../../platform/http/server.js';
import { markPresence } from '../cases/case-presence.js';
import { channelOfCase, findCase } from '../cases/case-repository.js';
import { defaultPolicy, type GuidancePolicy } from '../../guidance/policy.js';
import { latestCaseMention } from '../cases/case-replies.js';
import { authorOf, composeData, composeTemplate, draftValues, handleCompose, type ComposeOutcome, type ComposeTarget } from './reply-compose.js';
import { findPendingReply, findReply } from './reply-repository.js';
import { registerReplyApi } from './reply-api.js';
import { placeholderValues, replyLine, replySection } from './reply-views.js';

type WithId = { Params: { id: string } };
const write = { access: { permission: 'replies:write' } } as const;
const notices: Record<ComposeOutcome, string> = {
  saved: 'Draft saved.',
  withdrawn: 'Draft saved: it is no longer waiting for review. Submit it again when it is ready.',
  submitted: 'Reply submitted: it is queued for publishing.',
  review: 'Sent for review: a reviewer must approve it before it is published.',
};

function notice(query: unknown): string | undefined {
  const done = textField(formBody(query).done);
  return done === 'saved' || done === 'withdrawn' || done === 'submitted' || done === 'review' ? notices[done] : undefined;
}

/**
 * The compose pages (a reply on a case, a new post on a channel), the replies API, and the reply section of the
 * case page: its data is put in the page's locals, so the case page's template only includes the partial.
 */
export function registerReplyRoutes(root: FastifyInstance, db: Kysely<Database>, policyOf: () => Promise<GuidancePolicy> = () => Promise.resolve(defaultPolicy)): void {
  root.addHook('preHandler', async (request, reply) => {
    // The case page and its forms (which render it again with their errors); the compose pages set their own.
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/cases/:id') || url.startsWith('/cases/:id/reply') || !request.user) return;
    const params = formBody(request.params);
    const caseId = textField(params.id);
    const channelId = await channelOfCase(db, caseId);
    if (channelId === undefined) return;
    const channel = channelId === null ? undefined : await findChannel(db, channelId);
    reply.locals = { ...(reply.locals ?? {}), replySection: await replySection(db, caseId, channel) };
  });

  const caseTarget = async (caseId: string, user: User): Promise<{ target?: ComposeTarget; blocked?: string; page: Record<string, unknown> }> => {
    const summary = found(await findCase(db, caseId), 'case');
    const channel = summary.channelId === null ? undefined : await findChannel(db, summary.channelId);
    const pending = await findPendingReply(db, caseId);
    const page = {
      pageTitle: 'Reply to a case', heading: 'Reply', backHref: `/cases/${caseId}`, backText: 'Back to the case', action: `/cases/${caseId}/reply`,
      mention: summary.mention, replySection: await replySection(db, caseId, channel),
    };
    if (!channel) return { blocked: 'No channel is switched on for this case’s platform, so it cannot be answered from Parley yet.', page };
    if (pending && (pending.authorId !== user.id || (pending.state !== 'draft' && pending.state !== 'in_review'))) {
      const whose = pending.authorId === user.id ? 'Your reply' : `${pending.authorName ?? 'Someone else'}’s reply`;
      return { blocked: `${whose} to this case is ${replyLine(pending, channel).stateText.toLowerCase()}: only one reply can be on its way at a time.`, page };
    }
    const mentionId = pending?.mentionId ?? await latestCaseMention(db, caseId) ?? null;
    return { target: { kind: 'case', id: caseId, channel, placeholders: placeholderValues(user, summary, channel), draft: pending, mentionId, policy: await policyOf(), page }, page };
  };

  root.get<WithId>('/cases/:id/reply', { config: write }, async (request, reply) => {
    const { user } = authorOf(request);
    const { target, blocked, page } = await caseTarget(request.params.id, user);
    if (!target) return reply.page(composeTemplate, { ...page, blocked, notice: notice(request.query) });
    await markPresence(db, request.params.id, user.id, 'drafting');
    const values = draftValues(target.draft);
    return reply.page(composeTemplate, { ...(await composeData(db, user, target, values)), notice: notice(request.query) });
  });

  root.post<WithId>('/cases/:id/reply', { config: write }, async (request, reply) => {
    const { user } = authorOf(request);
    const { target, blocked } = await caseTarget(request.params.id, user);
    if (!target) throw new AppError('conflict', blocked);
    return handleCompose(db, request, reply, target, (_saved, outcome) => `/cases/${request.params.id}/reply?done=${outcome}`);
  });

  const channelTarget = async (channelId: string, replyId: string, userId: string): Promise<ComposeTarget> => {
    const channel = found(await findChannel(db, channelId), 'channel');
    const own = replyId === '' ? undefined : await findReply(db, replyId);
    const draft = own && own.authorId === userId && own.channelId === channelId && own.caseId === null && ['draft', 'failed', 'in_review'].includes(own.state) ? own : undefined;
    const page = {
      pageTitle: `New post on ${channel.name}`, heading: `New post on ${channel.name}`, caption: platformName(channel.platform), backHref: '/', backText: 'Back',
      action: `/channels/${channelId}/post${draft ? `?reply=${draft.id}` : ''}`, post: own && own.authorId === userId ? replyLine(own, channel) : undefined,
    };
    return { kind: 'channel', id: channelId, channel, placeholders: { channel: channel.name }, draft, mentionId: null, policy: await policyOf(), page };
  };

  root.get<WithId>('/channels/:id/post', { config: write }, async (request, reply) => {
    const { user } = authorOf(request);
    const target = await channelTarget(request.params.id, textField(formBody(request.query).reply), user.id);
    const values = draftValues(target.draft);
    return reply.page(composeTemplate, { ...(await composeData(db, user, target, values)), notice: notice(request.query) });
  });

  root.post<WithId>('/channels/:id/post', { config: write }, async (request, reply) => {
    const { user } = authorOf(request);
    const target = await channelTarget(request.params.id, textField(formBody(request.query).reply), user.id);
    return handleCompose(db, request, reply, target, (saved, outcome) => `/channels/${request.params.id}/post?reply=${saved.id}&done=${outcome}`);
  });

  registerReplyApi(root, db, policyOf);
}
