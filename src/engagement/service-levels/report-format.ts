import type { ServiceLevelStats } from './service-levels.js';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A whole count as people read it: "1,234". */
export function formatCount(count: number): string {
  return wholeNumber.format(count);
}

/** A response time for people: "45 working minutes" under an hour, else "3.5 working hours"; "No replies yet" for none. */
export function formatWorkingTime(hours: number | null): string {
  if (hours === null) return 'No replies yet';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${wholeNumber.format(minutes)} working ${minutes === 1 ? 'minute' : 'minutes'}`;
  const shown = oneDecimal.format(hours);
  return `${shown} working ${shown === '1' ? 'hour' : 'hours'}`;
}

/**
 * The share answered within the promise: "87% (52 of 60)", or "None due yet" when no case has been decided. Rounded
 * down, so that a promise missed even once never shows as 100%.
 */
export function formatShare(stats: Pick<ServiceLevelStats, 'shareWithinPromise' | 'withinPromise' | 'missed'>): string {
  if (stats.shareWithinPromise === null) return 'None due yet';
  return `${Math.floor(stats.shareWithinPromise * 100)}% (${formatCount(stats.withinPromise)} of ${formatCount(stats.withinPromise + stats.missed)})`;
}
