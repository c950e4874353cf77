import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../platform/db/database.js';
import type { ChannelPlatform } from './channel-plan.js';
import type { ChannelTable } from './tables.js';

/** A response-time promise, counted on the organisation calendar. */
export interface ResponsePromise {
  readonly amount: number;
  readonly unit: 'working_hours' | 'working_days';
}

/** A channel as pages, the API and the publisher see it (never its secret). */
export interface Channel {
  readonly id: string;
  readonly platform: ChannelPlatform;
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly accountHandle: string | null;
  readonly maxCharacters: number | null;
  readonly objectives: string;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly staffedHours: string;
  readonly promise: ResponsePromise | null;
  readonly status: 'draft' | 'active' | 'paused';
  readonly hasCredentials: boolean;
  readonly credentialsProblem: string | null;
  readonly credentialsCheckedAt: string | null;
  /** What the plan or account still lacks before the channel may be switched on, in words for the page. */
  readonly missing: { readonly field: string; readonly message: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

type ChannelRow = Selectable<ChannelTable> & { team_name: string | null };

function selectChannels(db: Kysely<Database>) {
  return db.selectFrom('channels').leftJoin('teams', 'teams.id', 'channels.team_id').selectAll('channels').select('teams.name as team_name');
}

/** Every channel, by name. */
export async function listChannels(db: Kysely<Database>): Promise<Channel[]> {
  const rows = await selectChannels(db).orderBy('channels.name').execute();
  return rows.map(toChannel);
}

/** One channel, or undefined. */
export async function findChannel(db: Kysely<Database>, id: string): Promise<Channel | undefined> {
  const row = await selectChannels(db).where('channels.id', '=', id).executeTakeFirst();
  return row && toChannel(row);
}

/** A channel's sealed credentials, for the code that publishes or checks them. */
export async function findSealedCredentials(db: Kysely<Database>, id: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('channels').select('credentials').where('id', '=', id).executeTakeFirst();
  return row?.credentials;
}

function toChannel(row: ChannelRow): Channel {
  const config: unknown = JSON.parse(row.config);
  const promise = row.promise_amount !== null && row.promise_unit !== null ? { amount: row.promise_amount, unit: row.promise_unit } : null;
  return {
    id: row.id, platform: row.platform, name: row.name, config: config !== null && typeof config === 'object' ? { ...config } : {},
    accountHandle: row.account_handle, maxCharacters: row.max_characters, objectives: row.objectives, teamId: row.team_id, teamName: row.team_name,
    staffedHours: row.staffed_hours, promise, status: row.status, hasCredentials: row.credentials !== null, credentialsProblem: row.credentials_problem,
    credentialsCheckedAt: row.credentials_checked_at, missing: missingFromPlan(row, promise), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function missingFromPlan(row: ChannelRow, promise: ResponsePromise | null): { field: string; message: string }[] {
  const missing: { field: string; message: string }[] = [];
  if (row.objectives === '') missing.push({ field: 'objectives', message: 'Say what the channel is for' });
  if (row.team_id === null) missing.push({ field: 'teamId', message: 'Choose the team that owns the channel' });
  if (row.staffed_hours === '') missing.push({ field: 'staffedHours', message: 'Say when the channel is staffed' });
  if (promise === null) missing.push({ field: 'promiseAmount', message: 'Set how quickly the channel promises to answer' });
  if (row.credentials === null) missing.push({ field: 'secret', message: row.platform === 'mastodon' ? 'Add the account’s access token' : 'Add the account’s app password' });
  return missing;
}

/** The channel a case on this platform would be answered from: the team's own if it has one that is on, else any that is on. */
export async function findActiveChannelFor(db: Kysely<Database>, platform: ChannelPlatform, teamId: string | null): Promise<Channel | undefined> {
  const rows = await selectChannels(db).where('channels.platform', '=', platform).where('channels.status', '=', 'active').orderBy('channels.created_at').execute();
  const row = rows.find((r) => teamId !== null && r.team_id === teamId) ?? rows[0];
  return row && toChannel(row);
}
