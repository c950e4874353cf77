import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { defaultCalendar } from './default-calendar.js';
import { weekdays, type Holiday, type OpeningHours, type Weekday, type WorkingCalendar } from './working-calendar.js';

/** The stored calendar: every day's hours and every holiday, by date. */
export async function readCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('calendar_hours').select(['day', 'opens', 'closes']).execute();
  const stored = new Map(rows.map((r) => [r.day, r.opens !== null && r.closes !== null ? { opens: r.opens, closes: r.closes } : null]));
  const hoursOf = (day: Weekday): OpeningHours | null => stored.get(day) ?? null;
  return {
    timeZone: defaultCalendar.timeZone,
    hours: {
      monday: hoursOf('monday'), tuesday: hoursOf('tuesday'), wednesday: hoursOf('wednesday'), thursday: hoursOf('thursday'),
      friday: hoursOf('friday'), saturday: hoursOf('saturday'), sunday: hoursOf('sunday'),
    },
    holidays: await listHolidays(db),
  };
}

/** Every holiday, by date. */
export async function listHolidays(db: Kysely<Database>): Promise<Holiday[]> {
  return db.selectFrom('calendar_holidays').select(['date', 'name']).orderBy('date').execute();
}

/** The holiday on a date, if there is one. */
export async function findHoliday(db: Kysely<Database>, date: string): Promise<Holiday | undefined> {
  return db.selectFrom('calendar_holidays').select(['date', 'name']).where('date', '=', date).executeTakeFirst();
}

/** Sets one day's hours (null: closed all day). */
export async function saveDayHours(db: Kysely<Database>, day: Weekday, hours: OpeningHours | null, now: string): Promise<void> {
  const values = { opens: hours?.opens ?? null, closes: hours?.closes ?? null, updated_at: now };
  await db.insertInto('calendar_hours').values({ day, ...values }).onConflict((oc) => oc.column('day').doUpdateSet(values)).execute();
}

/** Sets every day's hours. */
export async function saveWeekHours(db: Kysely<Database>, hours: Readonly<Record<Weekday, OpeningHours | null>>, now: string): Promise<void> {
  for (const day of weekdays) await saveDayHours(db, day, hours[day], now);
}

/** Adds a holiday; the date must be free. */
export async function insertHoliday(db: Kysely<Database>, holiday: Holiday, now: string): Promise<void> {
  await db.insertInto('calendar_holidays').values({ date: holiday.date, name: holiday.name, created_at: now }).execute();
}

/** Removes the holiday on a date, if there is one. */
export async function deleteHoliday(db: Kysely<Database>, date: string): Promise<void> {
  await db.deleteFrom('calendar_holidays').where('date', '=', date).execute();
}

/** Replaces every holiday with those given. */
export async function replaceHolidays(db: Kysely<Database>, holidays: readonly Holiday[], now: string): Promise<void> {
  await db.deleteFrom('calendar_holidays').execute();
  if (holidays.length > 0) await db.insertInto('calendar_holidays').values(holidays.map((h) => ({ date: h.date, name: h.name, created_at: now }))).execute();
}
