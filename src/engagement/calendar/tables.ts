import type { Weekday } from './working-calendar.js';

/** A day of the week's working hours; both times null when the day is closed. */
export interface CalendarHoursTable {
  day: Weekday;
  opens: string | null;
  closes: string | null;
  updated_at: string;
}

/** A date closed all day, such as a bank holiday. */
export interface CalendarHolidayTable {
  /** YYYY-MM-DD in Europe/London. */
  date: string;
  name: string;
  created_at: string;
}

/** The calendar's tables, for the migration that makes them (a type alias: Kysely's withTables needs one). */
export type CalendarTables = {
  calendar_hours: CalendarHoursTable;
  calendar_holidays: CalendarHolidayTable;
};

declare module '../../platform/db/database.js' {
  interface Database {
    calendar_hours: CalendarHoursTable;
    calendar_holidays: CalendarHolidayTable;
  }
}
