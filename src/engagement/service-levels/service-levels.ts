import { percentileOfSorted, sortedNumbers } from './percentile.js';

/** What the report needs to know of one case. Times are stored UTC ISO text, which compares in time order. */
export interface CaseTiming {
  openedAt: string;
  dueAt: string | null;
  firstResponseAt: string | null;
  /** Working minutes from opening to the first response, on the organisation calendar. */
  firstResponseMinutes: number | null;
  /** The case still waits on the organisation (new, needs a reply, escalated). */
  isOpen: boolean;
  language: string;
  channelId: string | null;
  teamId: string | null;
}

/** How a set of cases fared against their promise and how quickly they were first answered. */
export interface ServiceLevelStats {
  /** Cases opened in the period. */
  cases: number;
  /** Of those, the ones with a first response. */
  answered: number;
  /** Median first response in working hours (linear interpolation), or null when none was answered. */
  medianHours: number | null;
  /** 90th-percentile first response in working hours (linear interpolation), or null when none was answered. */
  p90Hours: number | null;
  /** Answered by their due time. */
  withinPromise: number;
  /** Answered after their due time, or still open past it. */
  missed: number;
  /** withinPromise / (withinPromise + missed), or null when no case has been decided either way. */
  shareWithinPromise: number | null;
  /** Open, unanswered and not yet due: not yet in the share. */
  notYetDue: number;
  /** Closed without a response (no reply needed): not in the share. */
  closedWithoutReply: number;
  /** Without a due time (no channel or promise applied): not in the share. */
  withoutPromise: number;
}

/** The figures of one channel or team (or of every case), overall and for Welsh and English cases side by side. */
export interface GroupLevels {
  /** The channel's or team's id; null for cases without one (and for the overall figures). */
  id: string | null;
  all: ServiceLevelStats;
  welsh: ServiceLevelStats;
  english: ServiceLevelStats;
  /** Welsh cases were first answered more slowly: a greater median or 90th percentile than English ones. */
  welshSlower: boolean;
}

/** The service levels of a period: every case, per channel and per team. */
export interface ServiceLevels {
  overall: GroupLevels;
  byChannel: GroupLevels[];
  byTeam: GroupLevels[];
}

/** Where a case stands against its promise. */
export type PromiseOutcome = 'within' | 'missed' | 'notYetDue' | 'closedWithoutReply' | 'withoutPromise';

/** Where a case stands against its promise at `now`. */
export function promiseOutcome(row: CaseTiming, now: string): PromiseOutcome {
  if (row.dueAt === null) return 'withoutPromise';
  if (row.firstResponseAt !== null) return row.firstResponseAt <= row.dueAt ? 'within' : 'missed';
  if (!row.isOpen) return 'closedWithoutReply';
  return now > row.dueAt ? 'missed' : 'notYetDue';
}

/** Counts and response times gathered before the statistics are worked out. */
class Tally {
  cases = 0;
  readonly minutes: number[] = [];
  readonly outcomes: Record<PromiseOutcome, number> = { within: 0, missed: 0, notYetDue: 0, closedWithoutReply: 0, withoutPromise: 0 };

  add(row: CaseTiming, outcome: PromiseOutcome): void {
    this.cases += 1;
    this.outcomes[outcome] += 1;
    if (row.firstResponseAt !== null && row.firstResponseMinutes !== null) this.minutes.push(row.firstResponseMinutes);
  }

  stats(): ServiceLevelStats {
    const sorted = sortedNumbers(this.minutes);
    const hours = (p: number) => {
      const minutes = percentileOfSorted(sorted, p);
      // Rounded to a hundredth of a minute first, so that interpolation's floating-point dust does not reach the figures.
      return minutes === undefined ? null : Math.round(minutes * 100) / 100 / 60;
    };
    const { within, missed } = this.outcomes;
    return {
      cases: this.cases, answered: sorted.length, medianHours: hours(0.5), p90Hours: hours(0.9),
      withinPromise: within, missed, shareWithinPromise: within + missed === 0 ? null : within / (within + missed),
      notYetDue: this.outcomes.notYetDue, closedWithoutReply: this.outcomes.closedWithoutReply, withoutPromise: this.outcomes.withoutPromise,
    };
  }
}

/** True when Welsh cases' median or 90th-percentile first response is greater than English cases'. */
export function isWelshSlower(welsh: ServiceLevelStats, english: ServiceLevelStats): boolean {
  const greater = (a: number | null, b: number | null) => a !== null && b !== null && a > b;
  return greater(welsh.medianHours, english.medianHours) || greater(welsh.p90Hours, english.p90Hours);
}

/** The tallies of one group: every case, the Welsh and the English. */
class GroupTally {
  readonly all = new Tally();
  readonly welsh = new Tally();
  readonly english = new Tally();

  constructor(readonly id: string | null) {}

  add(row: CaseTiming, outcome: PromiseOutcome): void {
    this.all.add(row, outcome);
    if (row.language === 'cy') this.welsh.add(row, outcome);
    else if (row.language === 'en') this.english.add(row, outcome);
  }

  levels(): GroupLevels {
    const welsh = this.welsh.stats();
    const english = this.english.stats();
    return { id: this.id, all: this.all.stats(), welsh, english, welshSlower: isWelshSlower(welsh, english) };
  }
}

function tallyOf(groups: Map<string | null, GroupTally>, id: string | null): GroupTally {
  let group = groups.get(id);
  if (!group) {
    group = new GroupTally(id);
    groups.set(id, group);
  }
  return group;
}

/**
 * Works out the service levels of cases as they stood at `now` (UTC ISO): for every case, per channel and per team,
 * the count, the median and 90th-percentile first response in working hours, and the share answered within the promise
 * (answered by the due time; still open past it counts as missed; open and not yet due, closed without a reply, and
 * without a due time are left out of the share and counted apart). Welsh (`cy`) and English (`en`) cases are split
 * out beside each other. Groups come in the order their first case came.
 */
export function computeServiceLevels(rows: Iterable<CaseTiming>, now: string): ServiceLevels {
  const overall = new GroupTally(null);
  const channels = new Map<string | null, GroupTally>();
  const teams = new Map<string | null, GroupTally>();
  for (const row of rows) {
    const outcome = promiseOutcome(row, now);
    overall.add(row, outcome);
    tallyOf(channels, row.channelId).add(row, outcome);
    tallyOf(teams, row.teamId).add(row, outcome);
  }
  return {
    overall: overall.levels(),
    byChannel: [...channels.values()].map((group) => group.levels()),
    byTeam: [...teams.values()].map((group) => group.levels()),
  };
}
