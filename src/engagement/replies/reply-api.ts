import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findChannel } from '../../channels/channel-repository.js';
import { defaultPolicy, type GuidancePolicy } from '../../guidance/policy.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { actorOf, signedInUser } from '../../platform/http/actor.js';
import { found } from '../../platform/http/server.js';
import { authorOf } from './reply-compose.js';
import { replyInput, savedReplyInput } from './reply-input.js';
import { lengthReport } from './reply-limits.js';
import { replyStates } from './tables.js';
import { draftCaseReply, draftChannelPost, editReply, requireReply, submitReply } from './replies.js';
import { createSavedReply, deleteSavedReply, listSavedReplies, mayManageSavedReplies, requireSavedReply, updateSavedReply } from './saved-replies.js';

const write = { access: { permission: 'replies:write' } } as const;
const manage = { access: { permission: 'saved-replies:manage' } } as const;
const tags = ['engagement'];
const idParams = z.object({ id: z.string().min(1) });
const postRef = z.union([
  z.object({ platform: z.literal('mastodon'), statusId: z.string(), url: z.string().optional() }),
  z.object({ platform: z.literal('bluesky'), uri: z.string(), cid: z.string(), root: z.object({ uri: z.string(), cid: z.string() }).optional() }),
]);
const replySchema = z.object({
  id: z.string(), caseId: z.string().nullable(), mentionId: z.string().nullable(), channelId: z.string(), channelName: z.string().nullable(),
  platform: z.enum(['mastodon', 'bluesky']).nullable(), authorId: z.string(), authorName: z.string().nullable(), text: z.string(), language: z.string(),
  inReplyTo: postRef.nullable(), state: z.enum(replyStates), essentialService: z.boolean(), attempts: z.number(), nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(), platformId: z.string().nullable(), url: z.string().nullable(), publishedAt: z.string().nullable(), createdAt: z.string(),
  updatedAt: z.string(), submittedAt: z.string().nullable(),
});
const savedSchema = z.object({ id: z.string(), teamId: z.string(), title: z.string(), language: z.enum(['en', 'cy']), body: z.string(), createdAt: z.string(), updatedAt: z.string() });
const countInput = z.object({ channelId: z.string().min(1), text: z.string().max(10_000) });
const countSchema = z.object({ count: z.number(), limit: z.number(), remaining: z.number(), message: z.string(), problem: z.string().optional() });

/** The replies API: drafts on cases and channels, submitting, reading, the platform's count of a text, and saved replies. */
export function registerReplyApi(root: FastifyInstance, db: Kysely<Database>, policyOf: () => Promise<GuidancePolicy> = () => Promise.resolve(defaultPolicy)): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/cases/:id/replies', { config: write, schema: { tags, summary: 'Start a reply on a case (refused while another is on its way, saying whose)', params: idParams, body: replyInput, response: { 201: replySchema } } },
    async (request, reply) => reply.code(201).send(await draftCaseReply(db, authorOf(request).author, request.params.id, request.body)));
  app.post('/api/v1/channels/:id/posts', { config: write, schema: { tags, summary: 'Start a new post on a channel', params: idParams, body: replyInput, response: { 201: replySchema } } },
    async (request, reply) => reply.code(201).send(await draftChannelPost(db, authorOf(request).author, request.params.id, request.body)));
  app.get('/api/v1/replies/:id', { config: write, schema: { tags, summary: 'One reply or post, with its publishing state', params: idParams, response: { 200: replySchema } } },
    async (request) => requireReply(db, request.params.id));
  app.put('/api/v1/replies/:id', { config: write, schema: { tags, summary: 'Change a reply not yet sent; it is never submitted by this. It becomes (or stays) a draft: a failed one, one waiting for review (its review withdrawn) and one approved and queued (its approval withdrawn) alike. Submit it again to have it checked and routed', params: idParams, body: replyInput, response: { 200: replySchema } } },
    async (request) => editReply(db, authorOf(request).author, request.params.id, request.body, { policy: await policyOf() }));
  app.post('/api/v1/replies/:id/submit', { config: write, schema: { tags, summary: 'Submit a draft: the guidance check routes it to the publish queue or to review (state in_review); a blocked draft is refused (400) with the blocking findings as problems', params: idParams, response: { 200: replySchema } } },
    async (request) => submitReply(db, authorOf(request).author, request.params.id, { policy: await policyOf() }));
  app.post('/api/v1/replies/count', { config: write, schema: { tags, summary: 'Count a text as the channel’s platform does', body: countInput, response: { 200: countSchema } } }, async (request) => {
    const channel = found(await findChannel(db, request.body.channelId), 'channel');
    const { count, limit, remaining, message, problem } = lengthReport(channel, request.body.text);
    return { count, limit, remaining, message, ...(problem === undefined ? {} : { problem }) };
  });

  app.get('/api/v1/teams/:id/saved-replies', { config: write, schema: { tags, summary: 'A team’s saved replies', params: idParams, response: { 200: z.object({ savedReplies: z.array(savedSchema) }) } } },
    async (request) => ({ savedReplies: await listSavedReplies(db, request.params.id) }));
  app.post('/api/v1/saved-replies', { config: manage, schema: { tags, summary: 'Add a saved reply to a team (your own; an admin, any)', body: savedReplyInput, response: { 201: savedSchema } } },
    async (request, reply) => reply.code(201).send(await createSavedReply(db, ownTeam(request, request.body.teamId), request.body)));
  app.put('/api/v1/saved-replies/:id', { config: manage, schema: { tags, summary: 'Change a saved reply', params: idParams, body: savedReplyInput, response: { 200: savedSchema } } }, async (request) => {
    const saved = await requireSavedReply(db, request.params.id);
    ownTeam(request, saved.teamId);
    return updateSavedReply(db, ownTeam(request, request.body.teamId), request.params.id, request.body);
  });
  app.delete('/api/v1/saved-replies/:id', { config: manage, schema: { tags, summary: 'Delete a saved reply', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    const saved = await requireSavedReply(db, request.params.id);
    await deleteSavedReply(db, ownTeam(request, saved.teamId), request.params.id);
    return reply.code(204).send(null);
  });
}

/** Saved replies belong to a team: those of its members who manage saved replies (an admin, any team's). Returns the actor when allowed. */
function ownTeam(request: FastifyRequest, teamId: string) {
  if (mayManageSavedReplies(signedInUser(request), teamId)) return actorOf(request);
  throw new AppError('forbidden', 'Only the team’s members can change its saved replies');
}
