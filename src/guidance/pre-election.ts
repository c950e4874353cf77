import type { PreElectionPeriod } from './rules/rule.js';

const ukDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day a moment falls on in the UK, as YYYY-MM-DD. */
export function ukDay(moment: Date): string {
  return ukDate.format(moment);
}

/** The pre-election period a moment falls in (whole UK days, both ends included), or undefined. */
export function preElectionPeriodAt(periods: readonly PreElectionPeriod[], moment: Date): PreElectionPeriod | undefined {
  const day = ukDay(moment);
  return periods.find((period) => period.from <= day && day <= period.to);
}
