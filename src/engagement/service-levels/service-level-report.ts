import type { Kysely } from 'kysely';
import { listChannels } from '../../channels/channel-repository.js';
import { listTeams } from '../../platform/auth/teams.js';
import type { Database } from '../../platform/db/database.js';
import type { ReportRange } from './report-range.js';
import { readCaseTimings } from './service-level-repository.js';
import { computeServiceLevels, type GroupLevels } from './service-levels.js';

/** A channel's or team's figures with the name people know it by. */
export interface NamedGroupLevels extends GroupLevels {
  name: string;
}

/** The service-level report of a period, as the page, the CSV file and the API give it. */
export interface ServiceLevelReport {
  range: ReportRange;
  /** When the figures were worked out (UTC ISO): open cases are missed or not yet due as of then. */
  generatedAt: string;
  overall: NamedGroupLevels;
  byChannel: NamedGroupLevels[];
  byTeam: NamedGroupLevels[];
}

/** Groups by name, the one without a channel or team last. */
function named(groups: readonly GroupLevels[], names: ReadonlyMap<string, string>, none: string, unknown: string): NamedGroupLevels[] {
  return groups
    .map((group) => ({ ...group, name: group.id === null ? none : names.get(group.id) ?? unknown }))
    .sort((a, b) => Number(a.id === null) - Number(b.id === null) || a.name.localeCompare(b.name, 'en-GB'));
}

/** Works out the service levels of the cases opened in the period, as they stand at `now`. */
export async function serviceLevelReport(db: Kysely<Database>, range: ReportRange, now: Date): Promise<ServiceLevelReport> {
  const [timings, channels, teams] = await Promise.all([readCaseTimings(db, range), listChannels(db), listTeams(db)]);
  const generatedAt = now.toISOString();
  const levels = computeServiceLevels(timings, generatedAt);
  return {
    range,
    generatedAt,
    overall: { ...levels.overall, name: 'All cases' },
    byChannel: named(levels.byChannel, new Map(channels.map((c) => [c.id, c.name])), 'No channel', 'A removed channel'),
    byTeam: named(levels.byTeam, new Map(teams.map((t) => [t.id, t.name])), 'No team', 'A removed team'),
  };
}
