import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { actorOf } from '../../platform/http/actor.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { found } from '../../platform/http/server.js';
import { findUserById } from '../../platform/auth/users-repository.js';
import type { GuidancePolicy } from '../policy.js';
import { trustLevels, type TrustLevel } from '../trust.js';
import { givenTrustLevel, setTrustLevel, trustLevelOf } from './trust-store.js';

type WithId = { Params: { id: string } };
const manageUsers = { access: { permission: 'users:manage' } } as const;
const template = 'guidance/review/views/trust.njk';

/** What each trust level means, for the admin choosing one. */
export const trustDescriptions: Record<TrustLevel, string> = {
  supervised: 'Every post is reviewed by someone in the channel’s team before it is published',
  trusted: 'Posts the guidance check finds no or low risk in are published at once; anything riskier is reviewed',
};

const trustNames: Record<TrustLevel, string> = { supervised: 'Supervised', trusted: 'Trusted' };

/** An admin's page and API for a user's trust level, and the line the user page shows it on. */
export function registerTrustRoutes(root: FastifyInstance, db: Kysely<Database>, policyOf: () => Promise<GuidancePolicy>): void {
  const describe = async (userId: string) => {
    const level = await trustLevelOf(db, userId, (await policyOf()).routing.defaultTrust);
    const given = await givenTrustLevel(db, userId);
    return { level, given: given !== undefined, text: `${trustNames[level]}${given === undefined ? ' (the default)' : ''}`, href: `/admin/users/${userId}/trust` };
  };

  // The user page (platform/auth) shows the trust level from its locals, as the case page shows its replies.
  root.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/admin/users/:id' || !request.user) return;
    const userId = textField(formBody(request.params).id);
    reply.locals = { ...(reply.locals ?? {}), trust: await describe(userId) };
  });

  const options = (level: TrustLevel) => trustLevels.map((value) => ({ value, text: trustNames[value], hint: { text: trustDescriptions[value] }, checked: value === level }));

  root.get<WithId>('/admin/users/:id/trust', { config: manageUsers }, async (request, reply) => {
    const subject = found(await findUserById(db, request.params.id), 'user');
    const trust = await describe(subject.id);
    return reply.page(template, { subject, items: options(trust.level) });
  });

  root.post<WithId>('/admin/users/:id/trust', { config: manageUsers }, async (request, reply) => {
    const subject = found(await findUserById(db, request.params.id), 'user');
    const chosen = textField(formBody(request.body).trustLevel);
    return handleForm(reply, template, { subject, items: options(chosen === 'trusted' ? 'trusted' : 'supervised') }, async () => {
      await setTrustLevel(db, actorOf(request), subject.id, chosen);
      return reply.redirect(`/admin/users/${subject.id}?saved=1`, 303);
    });
  });

  const app = root.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string().min(1) });
  const shown = z.object({ trustLevel: z.enum(trustLevels), given: z.boolean() });
  app.get('/api/v1/users/:id/trust-level', { config: manageUsers, schema: { tags: ['accounts'], summary: 'A user’s trust level (given by an admin, or the policy’s default)', params, response: { 200: shown } } }, async (request) => {
    found(await findUserById(db, request.params.id), 'user');
    const { level, given } = await describe(request.params.id);
    return { trustLevel: level, given };
  });
  app.put('/api/v1/users/:id/trust-level', { config: manageUsers, schema: { tags: ['accounts'], summary: 'Set a user’s trust level: supervised or trusted', params, body: z.object({ trustLevel: z.string() }), response: { 200: shown } } }, async (request) => {
    const level = await setTrustLevel(db, actorOf(request), request.params.id, request.body.trustLevel);
    return { trustLevel: level, given: true };
  });
}
