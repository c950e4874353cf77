import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listTeams } from '../platform/auth/teams.js';
import type { Database } from '../platform/db/database.js';
import { actorOf } from '../platform/http/actor.js';
import { formBody, handleForm, textField } from '../platform/http/forms.js';
import { found } from '../platform/http/server.js';
import type { CredentialCipher } from '../platform/secrets/encryption.js';
import { channelAccountInput, channelPlanInput, channelPlatforms, newChannelInput, promiseUnits } from './channel-plan.js';
import { findChannel, listChannels, type Channel } from './channel-repository.js';
import { activateChannel, createChannel, pauseChannel, platformName, updateChannelAccount, updateChannelPlan, type AccountChecker } from './channels.js';

type WithId = { Params: { id: string } };
const manage = { access: { permission: 'channels:manage' } } as const;
const unitNames = { working_hours: 'working hours', working_days: 'working days' } as const;

/** Reads the plan fields of a channel form. */
function planForm(body: Record<string, unknown>) {
  return {
    name: textField(body.name), objectives: textField(body.objectives), teamId: textField(body.teamId), staffedHours: textField(body.staffedHours),
    promiseAmount: textField(body.promiseAmount), promiseUnit: textField(body.promiseUnit),
  };
}

/** Reads the account fields of a channel form, for the platform's settings. */
function accountForm(body: Record<string, unknown>) {
  return { config: { instanceUrl: textField(body.instanceUrl) || undefined, service: textField(body.service) || undefined, handle: textField(body.handle) || undefined }, secret: textField(body.secret) || undefined };
}

function formValues(channel: Channel) {
  return {
    name: channel.name, objectives: channel.objectives, teamId: channel.teamId ?? '', staffedHours: channel.staffedHours, promiseAmount: channel.promise?.amount ?? '',
    promiseUnit: channel.promise?.unit ?? '', ...channel.config,
  };
}

/** The channel pages (list with plans and state, add, plan, account, switch on, pause) and the channels API. */
export function registerChannelRoutes(root: FastifyInstance, db: Kysely<Database>, cipher: CredentialCipher, check: AccountChecker): void {
  const pageData = async () => ({ teams: await listTeams(db), unitNames, platformName: { mastodon: platformName('mastodon'), bluesky: platformName('bluesky') } });

  root.get('/channels', { config: manage }, async (_request, reply) => reply.page('channels/views/channels.njk', { channels: await listChannels(db), ...(await pageData()) }));

  root.get('/channels/new', { config: manage }, async (request, reply) => {
    const platform = textField(formBody(request.query).platform);
    return reply.page('channels/views/channel-new.njk', { platform: channelPlatforms.find((p) => p === platform) ?? '', values: {}, ...(await pageData()) });
  });

  root.post('/channels/new', { config: manage }, async (request, reply) => {
    const body = formBody(request.body);
    const platform = textField(body.platform);
    const input = { platform, ...planForm(body), ...accountForm(body) };
    const data = { platform, values: { ...planForm(body), ...accountForm(body).config }, ...(await pageData()) };
    return handleForm(reply, 'channels/views/channel-new.njk', data, async () => {
      const channel = await createChannel(db, actorOf(request), cipher, input);
      return reply.redirect(`/channels/${channel.id}?saved=1`, 303);
    });
  });

  root.get<WithId>('/channels/:id', { config: manage }, async (request, reply) => {
    const channel = found(await findChannel(db, request.params.id), 'channel');
    return reply.page('channels/views/channel.njk', { channel, values: formValues(channel), saved: formBody(request.query).saved === '1', ...(await pageData()) });
  });

  const channelForm = (action: 'plan' | 'account' | 'activate', run: (request: FastifyRequest<WithId>) => Promise<unknown>) =>
    root.post<WithId>(`/channels/:id/${action}`, { config: manage }, async (request, reply) => {
      const channel = found(await findChannel(db, request.params.id), 'channel');
      const body = formBody(request.body);
      const data = { channel, values: { ...formValues(channel), ...(action === 'plan' ? planForm(body) : action === 'account' ? accountForm(body).config : {}) }, ...(await pageData()) };
      return handleForm(reply, 'channels/views/channel.njk', data, async () => {
        await run(request);
        return reply.redirect(`/channels/${channel.id}?saved=1`, 303);
      });
    });
  channelForm('plan', (request) => updateChannelPlan(db, actorOf(request), request.params.id, planForm(formBody(request.body))));
  channelForm('account', (request) => updateChannelAccount(db, actorOf(request), cipher, request.params.id, accountForm(formBody(request.body))));
  channelForm('activate', (request) => activateChannel(db, actorOf(request), cipher, check, request.params.id));

  root.post<WithId>('/channels/:id/pause', { config: manage }, async (request, reply) => {
    await pauseChannel(db, actorOf(request), request.params.id);
    return reply.redirect(`/channels/${request.params.id}?saved=1`, 303);
  });

  registerChannelApi(root, db, cipher, check);
}

const channelSchema = z.object({
  id: z.string(), platform: z.enum(channelPlatforms), name: z.string(), config: z.record(z.string(), z.unknown()), accountHandle: z.string().nullable(),
  maxCharacters: z.number().nullable(), objectives: z.string(), teamId: z.string().nullable(), teamName: z.string().nullable(), staffedHours: z.string(),
  promise: z.object({ amount: z.number(), unit: z.enum(promiseUnits) }).nullable(), status: z.enum(['draft', 'active', 'paused']), hasCredentials: z.boolean(),
  credentialsProblem: z.string().nullable(), credentialsCheckedAt: z.string().nullable(), missing: z.array(z.object({ field: z.string(), message: z.string() })),
  createdAt: z.string(), updatedAt: z.string(),
});
const idParams = z.object({ id: z.string().min(1) });
const tags = ['engagement'];

function registerChannelApi(root: FastifyInstance, db: Kysely<Database>, cipher: CredentialCipher, check: AccountChecker): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => found(await findChannel(db, id), 'channel');
  app.get('/api/v1/channels', { config: manage, schema: { tags, summary: 'List channels with their plans and state', response: { 200: z.object({ channels: z.array(channelSchema) }) } } }, async () => ({ channels: await listChannels(db) }));
  app.post('/api/v1/channels', { config: manage, schema: { tags, summary: 'Add a channel as a draft', body: newChannelInput, response: { 201: channelSchema } } }, async (request, reply) =>
    reply.code(201).send(await createChannel(db, actorOf(request), cipher, request.body)));
  app.get('/api/v1/channels/:id', { config: manage, schema: { tags, summary: 'One channel', params: idParams, response: { 200: channelSchema } } }, async (request) => one(request.params.id));
  app.put('/api/v1/channels/:id/plan', { config: manage, schema: { tags, summary: 'Change a channel’s plan', params: idParams, body: channelPlanInput, response: { 200: channelSchema } } }, async (request) =>
    updateChannelPlan(db, actorOf(request), request.params.id, request.body));
  app.put('/api/v1/channels/:id/account', { config: manage, schema: { tags, summary: 'Change where a channel’s account lives and its secret', params: idParams, body: channelAccountInput, response: { 200: channelSchema } } }, async (request) =>
    updateChannelAccount(db, actorOf(request), cipher, request.params.id, request.body));
  app.post('/api/v1/channels/:id/activate', { config: manage, schema: { tags, summary: 'Switch a channel on (needs its whole plan and working credentials)', params: idParams, response: { 200: channelSchema } } }, async (request) =>
    activateChannel(db, actorOf(request), cipher, check, request.params.id));
  app.post('/api/v1/channels/:id/pause', { config: manage, schema: { tags, summary: 'Pause a channel', params: idParams, response: { 200: channelSchema } } }, async (request) =>
    pauseChannel(db, actorOf(request), request.params.id));
}
