import type { Kysely } from 'kysely';
import { defaultCalendar } from '../default-calendar.js';
import type { CalendarTables } from '../tables.js';
import { weekdays } from '../working-calendar.js';

/** The organisation calendar: working hours for each day of the week and closed dates, seeded with the default. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_hours')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('opens', 'text')
    .addColumn('closes', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const seed = db.withTables<CalendarTables>();
  const now = new Date().toISOString();
  await seed.insertInto('calendar_hours').values(weekdays.map((day) => {
    const hours = defaultCalendar.hours[day];
    return { day, opens: hours?.opens ?? null, closes: hours?.closes ?? null, updated_at: now };
  })).execute();
  await seed.insertInto('calendar_holidays').values(defaultCalendar.holidays.map((h) => ({ date: h.date, name: h.name, created_at: now }))).execute();
}
