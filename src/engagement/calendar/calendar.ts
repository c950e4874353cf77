import type { Kysely } from 'kysely';
import { changeSignal } from '../../platform/cluster/change-signal.js';
import { keptUntilChange } from '../../platform/cluster/kept-until-change.js';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import { nowDbTime } from '../../platform/db/time.js';
import { AppError, validationFailed } from '../../platform/errors/app-error.js';
import { parseInput } from '../../platform/errors/validation.js';
import { calendarInput, dayHoursInput, holidayInput, isoDateInput } from './calendar-input.js';
import { deleteHoliday, findHoliday, insertHoliday, readCalendar, replaceHolidays, saveDayHours, saveWeekHours } from './calendar-repository.js';
import type { Holiday, OpeningHours, WorkingCalendar } from './working-calendar.js';
import { hasWorkingHours } from './working-time.js';

/** How long a process keeps the calendar when no change is heard of; a change made through this module is seen at once. */
export const calendarCacheMs = 30_000;

// Noted by every change here, and heard from this server's other processes and other servers on the database.
const calendarChanges = changeSignal('calendar-change');
const keptCalendar = keptUntilChange((db: Kysely<Database>) => readCalendar(db), { signal: calendarChanges, keptMs: calendarCacheMs, keyOf: () => 'calendar' });

/**
 * The organisation calendar, for due times and response times. Kept in memory for `calendarCacheMs`; changes made
 * through this module are seen at once by every process told of them, changes made any other way within that time.
 * `now` is for tests.
 */
export function loadCalendar(db: Kysely<Database>, now: number = Date.now()): Promise<WorkingCalendar> {
  return keptCalendar(db, undefined, now);
}

async function changing<T>(db: Kysely<Database>, change: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(change);
  } finally {
    calendarChanges.note();
  }
}

const noWorkingHours = (path: string) => validationFailed([{ path, message: 'Keep working hours on at least one day of the week: due times are counted in them' }]);

function describeHours(hours: OpeningHours | null): string {
  return hours ? `${hours.opens}–${hours.closes}` : 'closed';
}

/** Sets one day's working hours or closes it, audited. Closing the last open day is refused. */
export async function setDayHours(db: Kysely<Database>, actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(dayHoursInput, input);
  const hours = data.open ? { opens: data.opens ?? '', closes: data.closes ?? '' } : null;
  await changing(db, async (trx) => {
    const before = await readCalendar(trx);
    if (!hasWorkingHours({ ...before.hours, [data.day]: hours })) throw noWorkingHours('open');
    await saveDayHours(trx, data.day, hours, nowDbTime());
    await recordAudit(trx, actor, {
      action: 'calendar.hours_changed', subjectType: 'calendar_day', subjectId: data.day,
      details: { day: data.day, from: describeHours(before.hours[data.day]), to: describeHours(hours) },
    });
  });
}

/** Adds a holiday, audited. A date that is already a holiday is refused, naming the holiday. */
export async function addHoliday(db: Kysely<Database>, actor: Actor, input: unknown): Promise<Holiday> {
  const holiday = parseInput(holidayInput, input);
  await changing(db, async (trx) => {
    const existing = await findHoliday(trx, holiday.date);
    if (existing) throw validationFailed([{ path: 'date', message: `${existing.date} is already a holiday: ${existing.name}` }]);
    await insertHoliday(trx, holiday, nowDbTime());
    await recordAudit(trx, actor, { action: 'calendar.holiday_added', subjectType: 'calendar_holiday', subjectId: holiday.date, details: { ...holiday } });
  });
  return holiday;
}

/** Removes the holiday on a date, audited; not_found when there is none. */
export async function removeHoliday(db: Kysely<Database>, actor: Actor, date: string): Promise<void> {
  const day = parseInput(isoDateInput, date);
  await changing(db, async (trx) => {
    const existing = await findHoliday(trx, day);
    if (!existing) throw new AppError('not_found', `There is no holiday on ${day}`);
    await deleteHoliday(trx, day);
    await recordAudit(trx, actor, { action: 'calendar.holiday_removed', subjectType: 'calendar_holiday', subjectId: day, details: { ...existing } });
  });
}

/** Replaces the whole calendar (every day's hours and every holiday), audited with what changed. */
export async function replaceCalendar(db: Kysely<Database>, actor: Actor, input: unknown): Promise<WorkingCalendar> {
  const data = parseInput(calendarInput, input);
  if (!hasWorkingHours(data.hours)) throw noWorkingHours('hours');
  await changing(db, async (trx) => {
    const before = await readCalendar(trx);
    const now = nowDbTime();
    await saveWeekHours(trx, data.hours, now);
    await replaceHolidays(trx, data.holidays, now);
    const kept = new Set(data.holidays.map((h) => h.date));
    const had = new Set(before.holidays.map((h) => h.date));
    await recordAudit(trx, actor, {
      action: 'calendar.replaced', subjectType: 'calendar',
      details: {
        hours: Object.fromEntries(Object.entries(data.hours).map(([day, hours]) => [day, describeHours(hours)])),
        holidaysAdded: [...kept].filter((d) => !had.has(d)),
        holidaysRemoved: [...had].filter((d) => !kept.has(d)),
      },
    });
  });
  return loadCalendar(db);
}
