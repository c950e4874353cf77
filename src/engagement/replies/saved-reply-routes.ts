import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { hasPermission } from '../../platform/auth/roles.js';
import { listTeams } from '../../platform/auth/teams.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { actorOf, signedInUser } from '../../platform/http/actor.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { replyLanguages } from './reply-input.js';
import {
  createSavedReply, deleteSavedReply, listSavedRepliesByTeam, mayManageSavedReplies, placeholders, requireSavedReply, updateSavedReply, type SavedReply,
} from './saved-replies.js';

type WithId = { Params: { id: string } };
const view = { access: { permission: 'replies:write' } } as const;
const manage = { access: { permission: 'saved-replies:manage' } } as const;
const listTemplate = 'engagement/replies/views/saved-replies.njk';
const formTemplate = 'engagement/replies/views/saved-replies-form.njk';
const deleteTemplate = 'engagement/replies/views/saved-replies-delete.njk';
const notices = { added: 'Saved reply added.', changed: 'Saved reply changed.', deleted: 'Saved reply deleted.' } as const;
/** Each language in its own name, as the radios and headings show it (Welsh marked `lang="cy"` in the templates). */
const languageLabels = { en: 'English', cy: 'Cymraeg' } as const;
const placeholderList = Object.entries(placeholders).map(([key, meaning]) => ({ code: `{${key}}`, meaning }));

type Done = keyof typeof notices;

function noticeOf(query: unknown): string | undefined {
  const done = textField(formBody(query).done);
  const known = Object.keys(notices).find((key): key is Done => key === done);
  return known === undefined ? undefined : notices[known];
}

function formValues(body: Record<string, unknown>) {
  return { title: textField(body.title), teamId: textField(body.teamId), language: textField(body.language), body: textField(body.body) };
}

/** Refuses a team the person may not put saved replies in, on the form's team field. */
function refuseOtherTeam(user: User, teamId: string): void {
  if (teamId !== '' && !mayManageSavedReplies(user, teamId)) throw validationFailed([{ path: 'teamId', message: 'Choose one of your teams from the list' }]);
}

function requireManageable(user: User, saved: SavedReply): void {
  if (!mayManageSavedReplies(user, saved.teamId)) throw new AppError('forbidden', 'Only the team’s members can change its saved replies.');
}

/** The list's saved replies grouped by team, then by language, each group saying whether the person may change it. */
function groupsOf(user: User, replies: Awaited<ReturnType<typeof listSavedRepliesByTeam>>) {
  const teams: { teamId: string; teamName: string; manageable: boolean; languages: { code: string; label: string; replies: typeof replies }[] }[] = [];
  for (const saved of replies) {
    let team = teams.at(-1);
    if (team?.teamId !== saved.teamId) {
      team = { teamId: saved.teamId, teamName: saved.teamName, manageable: mayManageSavedReplies(user, saved.teamId), languages: [] };
      teams.push(team);
    }
    let language = team.languages.at(-1);
    if (language?.code !== saved.language) {
      language = { code: saved.language, label: languageLabels[saved.language], replies: [] };
      team.languages.push(language);
    }
    language.replies.push(saved);
  }
  const order = (code: string) => replyLanguages.findIndex((l) => l === code);
  for (const team of teams) team.languages.sort((a, b) => order(a.code) - order(b.code));
  return teams;
}

/**
 * The saved replies pages: the list (every team's, or one team's, by language) for those who write replies, and for
 * those who manage saved replies the pages to add, change and delete their team's (an admin, any team's).
 */
export function registerSavedReplyRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  /** What the add and change form shows: the teams the person may choose and the placeholders. */
  const formPage = async (request: FastifyRequest, page: { heading: string; action: string; values: ReturnType<typeof formValues>; saved?: SavedReply }) => {
    const user = signedInUser(request);
    const teams = (await listTeams(db)).filter((team) => mayManageSavedReplies(user, team.id));
    return { ...page, pageTitle: page.heading, teams, languages: replyLanguages.map((code) => ({ code, label: languageLabels[code] })), placeholderList };
  };

  root.get('/saved-replies', { config: view }, async (request, reply) => {
    const user = signedInUser(request);
    const teams = await listTeams(db);
    const chosen = teams.find((team) => team.id === textField(formBody(request.query).team));
    const replies = await listSavedRepliesByTeam(db, chosen?.id);
    const mayAdd = hasPermission(user.roles, 'saved-replies:manage') && teams.some((team) => mayManageSavedReplies(user, team.id));
    return reply.page(listTemplate, { teams, chosen, groups: groupsOf(user, replies), mayAdd, notice: noticeOf(request.query) });
  });

  root.get('/saved-replies/new', { config: manage }, async (request, reply) => {
    const user = signedInUser(request);
    const asked = textField(formBody(request.query).team);
    const teamId = mayManageSavedReplies(user, asked) ? asked : user.teamId ?? '';
    return reply.page(formTemplate, await formPage(request, { heading: 'Add a saved reply', action: '/saved-replies/new', values: { title: '', teamId, language: 'en', body: '' } }));
  });

  root.post('/saved-replies/new', { config: manage }, async (request, reply) => {
    const values = formValues(formBody(request.body));
    return handleForm(reply, formTemplate, await formPage(request, { heading: 'Add a saved reply', action: '/saved-replies/new', values }), async () => {
      refuseOtherTeam(signedInUser(request), values.teamId);
      const saved = await createSavedReply(db, actorOf(request), values);
      return reply.redirect(`/saved-replies?team=${encodeURIComponent(saved.teamId)}&done=added`, 303);
    });
  });

  root.get<WithId>('/saved-replies/:id/edit', { config: manage }, async (request, reply) => {
    const saved = await requireSavedReply(db, request.params.id);
    requireManageable(signedInUser(request), saved);
    const values = { title: saved.title, teamId: saved.teamId, language: saved.language, body: saved.body };
    return reply.page(formTemplate, await formPage(request, { heading: 'Change a saved reply', action: `/saved-replies/${saved.id}/edit`, values, saved }));
  });

  root.post<WithId>('/saved-replies/:id/edit', { config: manage }, async (request, reply) => {
    const saved = await requireSavedReply(db, request.params.id);
    const user = signedInUser(request);
    requireManageable(user, saved);
    const values = formValues(formBody(request.body));
    return handleForm(reply, formTemplate, await formPage(request, { heading: 'Change a saved reply', action: `/saved-replies/${saved.id}/edit`, values, saved }), async () => {
      refuseOtherTeam(user, values.teamId);
      const changed = await updateSavedReply(db, actorOf(request), saved.id, values);
      return reply.redirect(`/saved-replies?team=${encodeURIComponent(changed.teamId)}&done=changed`, 303);
    });
  });

  root.get<WithId>('/saved-replies/:id/delete', { config: manage }, async (request, reply) => {
    const saved = await requireSavedReply(db, request.params.id);
    requireManageable(signedInUser(request), saved);
    return reply.page(deleteTemplate, { saved, languageLabel: languageLabels[saved.language] });
  });

  root.post<WithId>('/saved-replies/:id/delete', { config: manage }, async (request, reply) => {
    const saved = await requireSavedReply(db, request.params.id);
    requireManageable(signedInUser(request), saved);
    await deleteSavedReply(db, actorOf(request), saved.id);
    return reply.redirect(`/saved-replies?team=${encodeURIComponent(saved.teamId)}&done=deleted`, 303);
  });
}
