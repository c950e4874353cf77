import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/database.js';
import { AppError, type Problem } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/actor.js';
import type { FormErrors } from '../platform/http/form-errors.js';
import { formBody, textField } from '../platform/http/forms.js';
import type { BasePolicy } from './policy-file.js';
import { policyDocument } from './policy-document.js';
import { readPolicyState, resetPolicy, savePolicy, type PolicyState } from './policy-store.js';
import type { GuidancePolicy } from './policy.js';
import { allRules } from './rules/all-rules.js';
import { capitalised } from './routing.js';

const manage = { access: { permission: 'guidance:manage' } } as const;
const template = 'guidance/views/guidance-policy.njk';
const resetTemplate = 'guidance/views/guidance-policy-reset.njk';
const notices: Record<string, string> = {
  saved: 'Guidance policy saved. Drafts are checked against it from now on.',
  reset: 'Your changes were removed: the policy file or Parley’s default applies again.',
};

function allowedHostCount(policy: GuidancePolicy): number {
  const links = policy.rules.links;
  return links !== null && typeof links === 'object' && 'allowedHosts' in links && Array.isArray(links.allowedHosts) ? links.allowedHosts.length : 0;
}

/** What the page shows of a policy: each rule on or off with its severity, the pre-election periods and routing. */
function policySummary(policy: GuidancePolicy) {
  return {
    rules: allRules.map((rule) => {
      const setting = policy.severities[rule.id];
      return { id: rule.id, title: rule.title, on: setting !== 'off', severity: setting === undefined || setting === 'off' ? 'The rule’s own' : capitalised(setting) };
    }),
    preElectionPeriods: policy.preElectionPeriods,
    allowedHosts: allowedHostCount(policy),
    routing: policy.routing,
  };
}

function pageData(state: PolicyState, extra: { text?: string; notice?: string | undefined }): Record<string, unknown> {
  return {
    source: state.source,
    file: state.file,
    stored: state.stored,
    text: extra.text ?? state.text,
    notice: extra.notice,
    summary: policySummary(state.policy),
  };
}

/** Every problem in the error summary, each with its JSON path, all pointing at the policy box. */
function policyErrors(problems: readonly Problem[]): FormErrors {
  const texts = problems.map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`));
  const count = texts.length === 1 ? 'There is a problem' : `There are ${texts.length} problems`;
  return {
    summary: texts.map((text) => ({ text, href: '#policy' })),
    fields: { policy: { text: `${count} with the policy, listed at the top of the page. Nothing was saved.` } },
  };
}

/** The admin page that edits the guidance policy (`/admin/guidance-policy`) and the policy API. */
export function registerPolicyRoutes(root: FastifyInstance, db: Kysely<Database>, base: BasePolicy): void {
  root.get('/admin/guidance-policy', { config: manage }, async (request, reply) => {
    const query = formBody(request.query);
    return reply.page(template, pageData(await readPolicyState(db, base), { notice: notices[textField(query.saved)] }));
  });

  root.post('/admin/guidance-policy', { config: manage }, async (request, reply) => {
    const text = textField(formBody(request.body).policy);
    try {
      await savePolicy(db, actorOf(request), text, base);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      reply.code(400);
      return reply.page(template, { ...pageData(await readPolicyState(db, base), { text }), errors: policyErrors(error.problems) });
    }
    return reply.redirect('/admin/guidance-policy?saved=saved', 303);
  });

  root.get('/admin/guidance-policy/reset', { config: manage }, async (_request, reply) =>
    reply.page(resetTemplate, pageData(await readPolicyState(db, base), {})));

  root.post('/admin/guidance-policy/reset', { config: manage }, async (request, reply) => {
    await resetPolicy(db, actorOf(request), base);
    return reply.redirect('/admin/guidance-policy?saved=reset', 303);
  });

  registerPolicyApi(root, db, base);
}

const stateSchema = z.object({
  source: z.enum(['edited', 'file', 'default']).describe('edited: an admin’s policy; file: PARLEY_GUIDANCE_POLICY; default: Parley’s own'),
  file: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  document: z.unknown().describe('The policy as written: the admin’s document, the file, or the default written out'),
  effective: z.record(z.string(), z.unknown()).describe('The policy in force with every default filled in'),
  problems: z.array(z.string()).describe('Why an admin’s saved policy no longer validates (the file or default then applies)'),
});

function asJson(state: PolicyState): z.infer<typeof stateSchema> {
  let document: unknown;
  try {
    document = JSON.parse(state.text);
  } catch {
    document = state.text;
  }
  return {
    source: state.source,
    file: state.file ?? null,
    updatedBy: state.stored?.updatedBy ?? null,
    updatedAt: state.stored?.updatedAt ?? null,
    document,
    effective: policyDocument(state.policy),
    problems: [...(state.stored?.problems ?? [])],
  };
}

function registerPolicyApi(root: FastifyInstance, db: Kysely<Database>, base: BasePolicy): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['guidance'];
  app.get('/api/v1/guidance/policy', {
    config: manage,
    schema: { tags, summary: 'The guidance policy in force, where it comes from and the document as written', response: { 200: stateSchema } },
  }, async () => asJson(await readPolicyState(db, base)));

  app.put('/api/v1/guidance/policy', {
    config: manage,
    schema: {
      tags,
      summary: 'Replace the guidance policy (the policy file’s format, docs/guidance.md); an invalid one is refused with every problem by its JSON path',
      body: z.record(z.string(), z.unknown()),
      response: { 200: stateSchema },
    },
  }, async (request) => asJson(await savePolicy(db, actorOf(request), JSON.stringify(request.body, null, 2), base)));

  app.delete('/api/v1/guidance/policy', {
    config: manage,
    schema: { tags, summary: 'Remove the admin’s policy: the policy file or Parley’s default applies again' },
  }, async (request, reply) => {
    await resetPolicy(db, actorOf(request), base);
    return reply.code(204).send();
  });
}
