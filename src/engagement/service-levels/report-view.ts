import { londonTime } from '../../platform/http/views.js';
import { formatCount, formatShare, formatWorkingTime } from './report-format.js';
import type { NamedGroupLevels, ServiceLevelReport } from './service-level-report.js';
import type { ServiceLevelStats } from './service-levels.js';

/** One set of figures as the page's tables show them. */
export interface StatsCells {
  cases: string;
  answered: string;
  median: string;
  p90: string;
  share: string;
  notYetDue: string;
}

/** A channel's or team's row: every case, and Welsh beside English. */
export interface GroupRow {
  name: string;
  all: StatsCells;
  welsh: StatsCells;
  english: StatsCells;
  welshSlower: boolean;
}

/** Where Welsh cases were slower, in words for the warning. */
export interface SlowerNote {
  where: string;
  detail: string;
}

function cells(stats: ServiceLevelStats): StatsCells {
  return {
    cases: formatCount(stats.cases), answered: formatCount(stats.answered), median: formatWorkingTime(stats.medianHours),
    p90: formatWorkingTime(stats.p90Hours), share: formatShare(stats), notYetDue: formatCount(stats.notYetDue),
  };
}

function row(group: NamedGroupLevels): GroupRow {
  return { name: group.name, all: cells(group.all), welsh: cells(group.welsh), english: cells(group.english), welshSlower: group.welshSlower };
}

function slowerNote(where: string, group: NamedGroupLevels): SlowerNote {
  const [welsh, english] = [group.welsh, group.english];
  return {
    where,
    detail: `median ${formatWorkingTime(welsh.medianHours)} in Welsh against ${formatWorkingTime(english.medianHours)} in English; `
      + `90th percentile ${formatWorkingTime(welsh.p90Hours)} against ${formatWorkingTime(english.p90Hours)}`,
  };
}

/** What the report page shows: its summary, its tables, and a note for every place Welsh cases were slower. */
export function serviceLevelView(report: ServiceLevelReport): Record<string, unknown> {
  const { overall } = report;
  const slower = [
    ...(overall.welshSlower ? [slowerNote('All cases', overall)] : []),
    ...report.byChannel.filter((g) => g.welshSlower).map((g) => slowerNote(`Channel: ${g.name}`, g)),
    ...report.byTeam.filter((g) => g.welshSlower).map((g) => slowerNote(`Team: ${g.name}`, g)),
  ];
  const all = overall.all;
  return {
    generatedAt: londonTime(report.generatedAt),
    summary: [
      { key: 'Cases opened', value: formatCount(all.cases) },
      { key: 'Answered', value: formatCount(all.answered) },
      { key: 'Median first response', value: formatWorkingTime(all.medianHours) },
      { key: '90th percentile first response', value: formatWorkingTime(all.p90Hours) },
      { key: 'Answered within the promise', value: formatShare(all) },
      { key: 'Open and not yet due', value: formatCount(all.notYetDue) },
      { key: 'Closed without a reply', value: formatCount(all.closedWithoutReply) },
      { key: 'Without a promise', value: formatCount(all.withoutPromise) },
    ],
    overall: row(overall),
    channels: report.byChannel.map(row),
    teams: report.byTeam.map(row),
    slower,
  };
}
