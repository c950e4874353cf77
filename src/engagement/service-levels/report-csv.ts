import type { NamedGroupLevels, ServiceLevelReport } from './service-level-report.js';
import type { ServiceLevelStats } from './service-levels.js';

const header = [
  'grouping', 'group_id', 'group', 'language', 'cases', 'answered', 'median_working_hours', 'p90_working_hours', 'within_promise', 'missed',
  'share_within_promise', 'not_yet_due', 'closed_without_reply', 'without_promise', 'welsh_slower',
];

/**
 * A cell as CSV writes it: quoted when it holds a comma, quote or line break; a text starting with =, +, -, @ or a
 * control character is prefixed with an apostrophe so that a spreadsheet shows it rather than running it as a formula.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const round = (n: number | null, places: number) => (n === null ? null : Number(n.toFixed(places)));

function statsCells(stats: ServiceLevelStats): (string | number | null)[] {
  return [
    stats.cases, stats.answered, round(stats.medianHours, 2), round(stats.p90Hours, 2), stats.withinPromise, stats.missed,
    round(stats.shareWithinPromise, 4), stats.notYetDue, stats.closedWithoutReply, stats.withoutPromise,
  ];
}

function groupLines(grouping: string, group: NamedGroupLevels): (string | number | boolean | null)[][] {
  return [
    [grouping, group.id, group.name, 'all', ...statsCells(group.all), group.welshSlower],
    [grouping, group.id, group.name, 'cy', ...statsCells(group.welsh), null],
    [grouping, group.id, group.name, 'en', ...statsCells(group.english), null],
  ];
}

/** The report's tables as CSV (RFC 4180, CRLF line ends): one line per group and language (all, cy, en). */
export function serviceLevelCsv(report: ServiceLevelReport): string {
  const lines = [
    header,
    ...groupLines('all', report.overall),
    ...report.byChannel.flatMap((group) => groupLines('channel', group)),
    ...report.byTeam.flatMap((group) => groupLines('team', group)),
  ];
  return lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
