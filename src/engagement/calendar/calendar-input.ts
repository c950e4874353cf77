import { z } from 'zod';
import { minuteOfDay, weekdays } from './working-calendar.js';

const timeShape = /^\d\d:\d\d$/;

/** Adds a problem for each of a day's times that is wrong, on the field that holds it. */
function checkTimes(opens: string, closes: string, ctx: z.RefinementCtx): void {
  const from = minuteOfDay(opens);
  const to = minuteOfDay(closes);
  const openingOk = timeShape.test(opens) && from < 1440;
  const closingOk = timeShape.test(closes) && !Number.isNaN(to);
  if (!openingOk) ctx.addIssue({ code: 'custom', path: ['opens'], message: 'Enter the opening time in 24-hour form, like 09:00' });
  if (!closingOk) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'Enter the closing time in 24-hour form, like 17:00 (24:00 for midnight)' });
  if (openingOk && closingOk && to <= from) ctx.addIssue({ code: 'custom', path: ['closes'], message: `The closing time must be after the opening time (${opens})` });
}

/** A day's working hours: an opening time and a later closing time, `HH:MM`. */
export const openingHoursInput = z
  .object({ opens: z.string().trim(), closes: z.string().trim() })
  .superRefine((hours, ctx) => { checkTimes(hours.opens, hours.closes, ctx); });

/** One day's hours as the calendar page's form gives them: open with times, or closed. */
export const dayHoursInput = z
  .object({
    day: z.enum(weekdays, { error: 'Choose a day of the week' }),
    open: z.boolean({ error: 'Choose whether the day is open or closed' }),
    opens: z.string().trim().optional(),
    closes: z.string().trim().optional(),
  })
  .superRefine((day, ctx) => { if (day.open) checkTimes(day.opens ?? '', day.closes ?? '', ctx); });

function isRealDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** A date as YYYY-MM-DD that exists in the calendar (no 30 February). */
export const isoDateInput = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date as year, month and day, like 2026-12-25', abort: true })
  .refine(isRealDate, 'Enter a real date, like 2026-12-25');

/** A holiday: a date closed all day, with its name. */
export const holidayInput = z.object({
  date: isoDateInput,
  name: z.string().trim().min(1, 'Enter the name of the holiday, like Christmas Day').max(100, 'The name must be 100 characters or fewer'),
});

const dayHours = openingHoursInput.nullable();

/** The whole calendar, as the API replaces it: every day's hours (null: closed) and every holiday. */
export const calendarInput = z
  .object({
    hours: z.object({ monday: dayHours, tuesday: dayHours, wednesday: dayHours, thursday: dayHours, friday: dayHours, saturday: dayHours, sunday: dayHours }),
    holidays: z.array(holidayInput).max(2000, 'List 2,000 holidays or fewer'),
  })
  .superRefine((calendar, ctx) => {
    const seen = new Set<string>();
    calendar.holidays.forEach((holiday, index) => {
      if (seen.has(holiday.date)) ctx.addIssue({ code: 'custom', path: ['holidays', index, 'date'], message: `${holiday.date} is listed more than once` });
      seen.add(holiday.date);
    });
  });
