import type { Kysely, SelectQueryBuilder } from 'kysely';
import { channelChoices } from '../../channels/channel-choices.js';
import { getMentionTexts, type MentionSummary } from '../../listening/mentions/mention-read.js';
import { commaJoined, splitJoined } from '../../platform/db/comma-joined.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { CasePriority, CaseStatus, EscalationTarget, NoReplyReason } from './tables.js';

/** A case as the inbox and the case page show it. */
export interface CaseSummary {
  id: string;
  status: CaseStatus;
  noReplyReason: NoReplyReason | null;
  escalatedTo: EscalationTarget | null;
  priority: CasePriority;
  language: string;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  channelId: string | null;
  channelName: string | null;
  openedAt: string;
  dueAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  reopenedCount: number;
  tags: string[];
  /** The mention that opened the case; null once it has been erased on request. */
  mention: (MentionSummary & { text: string }) | null;
}

/** The inbox's views. */
export const inboxViews = ['mine', 'team', 'unassigned', 'due_soon', 'overdue', 'welsh', 'open', 'closed'] as const;
export type InboxView = (typeof inboxViews)[number];

/** Who is looking, and when: views are relative to both. */
export interface Viewer {
  userId: string;
  teamId: string | null;
  now: string;
  /** The end of "due soon": the time until which a due case counts as soon. */
  soon: string;
}

/** A page of the inbox: a view, optional filters, and where the page starts. */
export interface InboxQuery {
  view: InboxView;
  priority?: CasePriority;
  status?: CaseStatus;
  tag?: string;
  channelId?: string;
  after?: string;
  limit: number;
}

type CaseQuery = SelectQueryBuilder<Database, 'cases', object>;

function inView(query: CaseQuery, view: InboxView, viewer: Viewer): CaseQuery {
  const open = query.where('cases.is_open', '=', view === 'closed' ? 0 : 1);
  switch (view) {
    case 'mine':
      return open.where('cases.assignee_id', '=', viewer.userId);
    case 'team':
      return viewer.teamId === null ? open.where((eb) => eb.lit(false)) : open.where('cases.team_id', '=', viewer.teamId);
    case 'unassigned':
      return open.where('cases.assignee_id', 'is', null);
    case 'due_soon':
      return open.where('cases.sort_due', '>=', viewer.now).where('cases.sort_due', '<', viewer.soon);
    case 'overdue':
      return open.where('cases.sort_due', '<', viewer.now);
    case 'welsh':
      return open.where('cases.language', '=', 'cy');
    case 'open':
    case 'closed':
      return open;
  }
}

/** A page cursor: the last case's (sort_due, id). */
function encodeAfter(row: { sort_due: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.sort_due, row.id])).toString('base64url');
}

function decodeAfter(after: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // Reported below.
  }
  throw new AppError('validation_failed', 'The page link is damaged: go back to the first page', [{ path: 'after', message: 'Not a page of this inbox' }]);
}

/** One page of a view, by due time (cases without one last), and the cursor of the next page if there is one. */
export async function listCases(db: Kysely<Database>, viewer: Viewer, query: InboxQuery): Promise<{ cases: CaseSummary[]; next: string | null }> {
  let select = inView(db.selectFrom('cases'), query.view, viewer);
  if (query.priority) select = select.where('cases.priority', '=', query.priority);
  if (query.status) select = select.where('cases.status', '=', query.status);
  if (query.channelId) select = select.where('cases.channel_id', '=', query.channelId);
  if (query.tag) {
    const tag = query.tag;
    select = select.where((eb) => eb.exists(eb.selectFrom('case_tags').select('case_tags.case_id').whereRef('case_tags.case_id', '=', 'cases.id').where('case_tags.tag', '=', tag)));
  }
  if (query.after) {
    const [due, id] = decodeAfter(query.after);
    select = select.where((eb) => eb.or([eb('cases.sort_due', '>', due), eb.and([eb('cases.sort_due', '=', due), eb('cases.id', '>', id)])]));
  }
  const rows = await select.select(['cases.id', 'cases.sort_due']).orderBy('cases.sort_due').orderBy('cases.id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { cases: await summariesOf(db, page.map((row) => row.id)), next: rows.length > query.limit && last ? encodeAfter(last) : null };
}

/** How many cases each view holds for this viewer: the counts in the navigation and the inbox's tabs. */
export async function countInbox(db: Kysely<Database>, viewer: Viewer): Promise<Record<InboxView, number>> {
  const counted = inboxViews.filter((view) => view !== 'closed');
  // One statement of scalar subqueries, each answered from its own index: one round trip instead of seven.
  const row = await db.selectNoFrom((eb) => counted.map((view) =>
    inView(eb.selectFrom('cases'), view, viewer).select((inner) => inner.fn.countAll<number | string>().as('n')).as(view))).executeTakeFirst();
  const counts = Object.fromEntries(inboxViews.map((view) => [view, 0])) as Record<InboxView, number>;
  for (const view of counted) counts[view] = Number(row?.[view] ?? 0);
  return counts;
}

/** How many open cases wait on this person: assigned to them, or unassigned in their team. One COUNT, for the navigation. */
export async function countWaiting(db: Kysely<Database>, viewer: Pick<Viewer, 'userId' | 'teamId'>): Promise<number> {
  const teamId = viewer.teamId;
  const row = await db.selectFrom('cases').where('cases.is_open', '=', 1)
    .where((eb) => eb.or([
      eb('cases.assignee_id', '=', viewer.userId),
      ...(teamId === null ? [] : [eb.and([eb('cases.assignee_id', 'is', null), eb('cases.team_id', '=', teamId)])]),
    ]))
    .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Cases by id, in that order, with their people, channels, tags and first mentions. */
export async function summariesOf(db: Kysely<Database>, ids: readonly string[]): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('cases')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .selectAll('cases').select(['teams.name as team_name', 'users.name as assignee_name'])
    // Tags hold no commas (the tags box splits on them), so they come joined in the same statement.
    .select((eb) => eb.selectFrom('case_tags').select(commaJoined(db, 'case_tags.tag').as('tags')).whereRef('case_tags.case_id', '=', 'cases.id').as('tags'))
    .where('cases.id', 'in', ids).execute();
  const [mentions, channels] = await Promise.all([getMentionTexts(db, rows.map((row) => row.mention_id)), channelChoices(db)]);
  const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{
      id: row.id, status: row.status, noReplyReason: row.no_reply_reason, escalatedTo: row.escalated_to, priority: row.priority, language: row.language,
      teamId: row.team_id, teamName: row.team_name, assigneeId: row.assignee_id, assigneeName: row.assignee_name, channelId: row.channel_id, channelName: row.channel_id === null ? null : channelNames.get(row.channel_id) ?? null,
      openedAt: row.opened_at, dueAt: row.due_at, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at, reopenedCount: row.reopened_count,
      tags: splitJoined(row.tags), mention: mentions.get(row.mention_id) ?? null,
    }];
  });
}

/** The channel a case is answered on: null when it has none, undefined when there is no such case. */
export async function channelOfCase(db: Kysely<Database>, id: string): Promise<string | null | undefined> {
  return (await db.selectFrom('cases').select('channel_id').where('id', '=', id).executeTakeFirst())?.channel_id;
}

/** One case, or undefined. */
export async function findCase(db: Kysely<Database>, id: string): Promise<CaseSummary | undefined> {
  return (await summariesOf(db, [id]))[0];
}
