import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkReport, checkReportSchema } from './check-report.js';
import { defaultPolicy, type GuidancePolicy } from './policy.js';
import type { TrustLevel } from './trust.js';

const checkInput = z
  .object({
    text: z.string().max(20_000, 'must be at most 20000 characters').refine((text) => text.trim() !== '', 'enter the text of the draft'),
    platform: z.enum(['mastodon', 'bluesky']),
    inReplyToLang: z.string().min(2).max(35).optional(),
    maxCharacters: z.number().int().min(1).max(1_000_000).optional(),
    essentialServiceInformation: z.boolean().optional(),
  })
  .strict();

/**
 * `POST /api/v1/check`: the guidance check of a draft and the route it would take, the same JSON as `parley check`.
 * Each request is checked against the policy `policyOf` gives (the app's gives the policy in force, which admins
 * edit). The route is for the caller's trust level when `trustOf` is given (the app reads it from storage), else the
 * policy's default.
 */
export function registerCheckRoutes(
  root: FastifyInstance,
  policyOf: () => Promise<GuidancePolicy> = () => Promise.resolve(defaultPolicy),
  trustOf?: (userId: string, policy: GuidancePolicy) => Promise<TrustLevel>,
): void {
  root.withTypeProvider<ZodTypeProvider>().post('/api/v1/check', {
    config: { access: { permission: 'replies:write' } },
    schema: {
      tags: ['guidance'],
      summary: 'Check a draft against the social media guidance: its risk, findings (with UTF-16 spans and suggestions) and whether it would publish at once or go to review',
      body: checkInput,
      response: { 200: checkReportSchema },
    },
  }, async (request) => {
    const { text, platform, inReplyToLang, maxCharacters, essentialServiceInformation } = request.body;
    const policy = await policyOf();
    const trust = trustOf !== undefined && request.user ? await trustOf(request.user.id, policy) : policy.routing.defaultTrust;
    return checkReport(text, { platform, inReplyToLang, maxCharacters, essentialServiceInformation, now: new Date() }, policy, trust);
  });
}
