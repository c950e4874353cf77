import { minuteOfDay, weekdayAt, weekdays, type OpeningHours, type WorkingCalendar } from './working-calendar.js';
import { instantOfLocal, isoDateOf, localDayOf, weekdayIndexOf, type DayNumber } from './zoned-time.js';

/** A working day's hours as instants (milliseconds since the epoch). */
interface Span {
  start: number;
  end: number;
}

/** A promise of time to respond, as a channel makes it. */
export type WorkingDuration = { workingHours: number } | { workingDays: number };

interface Worked {
  holidays: ReadonlySet<string>;
  spans: Map<DayNumber, Span | null>;
}

// What each calendar object's days come to, so that a report over many cases works each day out once.
const worked = new WeakMap<WorkingCalendar, Worked>();

function workedFor(calendar: WorkingCalendar): Worked {
  let found = worked.get(calendar);
  if (!found) {
    if (!hasWorkingHours(calendar.hours)) throw new RangeError('The calendar has no working hours on any day of the week');
    found = { holidays: new Set(calendar.holidays.map((h) => h.date)), spans: new Map() };
    worked.set(calendar, found);
  }
  return found;
}

/** True when at least one day of the week has working hours (an opening before its closing). */
export function hasWorkingHours(hours: WorkingCalendar['hours']): boolean {
  return weekdays.some((day) => openMinutes(hours[day]) !== undefined);
}

function openMinutes(hours: OpeningHours | null | undefined): { opens: number; closes: number } | undefined {
  if (!hours) return undefined;
  const opens = minuteOfDay(hours.opens);
  const closes = minuteOfDay(hours.closes);
  return opens < closes ? { opens, closes } : undefined;
}

function spanOf(calendar: WorkingCalendar, day: DayNumber): Span | null {
  const { holidays, spans } = workedFor(calendar);
  const known = spans.get(day);
  if (known !== undefined) return known;
  const minutes = holidays.has(isoDateOf(day)) ? undefined : openMinutes(calendar.hours[weekdayAt(weekdayIndexOf(day))]);
  let span: Span | null = null;
  if (minutes) {
    const start = instantOfLocal(calendar.timeZone, day, minutes.opens);
    const end = instantOfLocal(calendar.timeZone, day, minutes.closes);
    if (end > start) span = { start, end };
  }
  spans.set(day, span);
  return span;
}

/** The first working span that ends after an instant: the one it is in, or else the next. */
function spanEndingAfter(calendar: WorkingCalendar, at: number): Span {
  // Start a day early: a day that closes at 24:00 ends on the next local date.
  for (let day = localDayOf(calendar.timeZone, at) - 1; ; day++) {
    const span = spanOf(calendar, day);
    if (span && span.end > at) return span;
  }
}

function nonNegative(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${what} must be a finite number, 0 or more (got ${amount})`);
}

/** The instant at or after `at` when the organisation is working: `at` itself in working hours, else the next opening. */
export function nextWorkingTime(calendar: WorkingCalendar, at: Date): Date {
  const span = spanEndingAfter(calendar, at.getTime());
  return new Date(Math.max(span.start, at.getTime()));
}

/** True when `at` falls within working hours (from an opening up to, not including, the closing time). */
export function isWorkingTime(calendar: WorkingCalendar, at: Date): boolean {
  return spanEndingAfter(calendar, at.getTime()).start <= at.getTime();
}

/**
 * The instant reached after `minutes` of working time from `from`: time outside working hours (evenings, closed days,
 * holidays) does not count, so a start outside hours runs from the next opening. A result that uses up a day exactly
 * is that day's closing time (Friday 16:00 + 60 minutes with a 17:00 close is Friday 17:00). Adding 0 gives `from`.
 * Minutes are elapsed time, so a working day that spans a clock change is an hour shorter or longer.
 */
export function addWorkingTime(calendar: WorkingCalendar, from: Date, minutes: number): Date {
  nonNegative(minutes, 'Working minutes');
  let remaining = Math.round(minutes * 60_000);
  if (remaining === 0) return new Date(from.getTime());
  let cursor = from.getTime();
  for (;;) {
    const span = spanEndingAfter(calendar, cursor);
    const start = Math.max(span.start, cursor);
    if (remaining <= span.end - start) return new Date(start + remaining);
    remaining -= span.end - start;
    cursor = span.end;
  }
}

/** The working minutes between two instants (0 when `to` is not after `from`); may be fractional when they have seconds. */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  let cursor = from.getTime();
  let total = 0;
  while (cursor < end) {
    const span = spanEndingAfter(calendar, cursor);
    if (span.start >= end) break;
    total += Math.min(span.end, end) - Math.max(span.start, cursor);
    cursor = span.end;
  }
  return total / 60_000;
}

/**
 * The same point of the working day, `days` working days later. The clock starts at `from` when that is in working
 * hours, else at the next opening; its position is the working time elapsed since that day's opening. The result is
 * that position on the `days`-th working day after, or that day's closing time when the day is shorter. So a mention at
 * Monday 10:30 is due at Wednesday 10:30 after 2 working days; one on Saturday, or on Friday at or after closing, is due
 * at Wednesday's (or Tuesday's, for 1 day) opening. Adding 0 gives `from`.
 */
export function addWorkingDays(calendar: WorkingCalendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number, 0 or more (got ${days})`);
  if (days === 0) return new Date(from.getTime());
  const first = spanEndingAfter(calendar, from.getTime());
  const position = Math.max(0, from.getTime() - first.start);
  let target = first;
  for (let counted = 0; counted < days; counted++) target = spanEndingAfter(calendar, target.end);
  return new Date(target.start + Math.min(position, target.end - target.start));
}

/** The due time of a promise made at `from`: working hours through addWorkingTime, working days through addWorkingDays. */
export function addWorkingDuration(calendar: WorkingCalendar, from: Date, duration: WorkingDuration): Date {
  if ('workingDays' in duration) return addWorkingDays(calendar, from, duration.workingDays);
  nonNegative(duration.workingHours, 'Working hours');
  return addWorkingTime(calendar, from, duration.workingHours * 60);
}
