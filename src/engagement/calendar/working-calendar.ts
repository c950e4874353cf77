/** The days of the week, Monday first (ISO 8601 order). */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A day of the week. */
export type Weekday = (typeof weekdays)[number];

/** The day of the week of an index, 0 for Monday to 6 for Sunday. */
export function weekdayAt(index: number): Weekday {
  const day = weekdays[index];
  if (day === undefined) throw new RangeError(`There is no day of the week ${index}`);
  return day;
}

/** A day's working hours as local wall-clock times `HH:MM`; `closes` may be `24:00` (midnight at the end of the day). */
export interface OpeningHours {
  opens: string;
  closes: string;
}

/** A date (YYYY-MM-DD, in the calendar's time zone) closed all day, such as a bank holiday. */
export interface Holiday {
  date: string;
  name: string;
}

/**
 * The organisation's working time: the hours of each day of the week (null: closed all day) and the holidays, in one
 * time zone. Treat it as immutable: the working-time functions remember what they work out for each calendar object.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly hours: Readonly<Record<Weekday, OpeningHours | null>>;
  readonly holidays: readonly Holiday[];
}

/** Minutes since midnight of a `HH:MM` time (`24:00` is 1440); NaN when it is not one. */
export function minuteOfDay(time: string): number {
  const match = /^(\d\d):(\d\d)$/.exec(time);
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return Number.NaN;
  return hours * 60 + minutes;
}
