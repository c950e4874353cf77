import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { actorOf } from '../../platform/http/actor.js';
import { formBody, handleForm, textField } from '../../platform/http/forms.js';
import { addHoliday, removeHoliday, replaceCalendar, setDayHours } from './calendar.js';
import { calendarInput, holidayInput, isoDateInput } from './calendar-input.js';
import { readCalendar } from './calendar-repository.js';
import { weekdays, type Weekday, type WorkingCalendar } from './working-calendar.js';

const manage = { access: { permission: 'calendar:manage' } } as const;
const template = 'engagement/calendar/views/calendar.njk';

const dayNames: Record<Weekday, string> = {
  monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday',
};
const notices: Record<string, string> = { hours: 'Working hours saved.', added: 'Holiday added.', removed: 'Holiday removed.' };

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A date as GOV.UK writes it: "Thursday 25 December 2025". */
function longDate(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return `${weekdayFormat.format(time)} ${dateFormat.format(time)}`;
}

function isWeekday(text: string): text is Weekday {
  return weekdays.some((day) => day === text);
}

async function calendarPage(db: Kysely<Database>, data: { values?: Record<string, unknown>; notice?: string | undefined; day?: string }): Promise<Record<string, unknown>> {
  const calendar = await readCalendar(db);
  const chosen = data.day !== undefined && isWeekday(data.day) ? data.day : 'monday';
  const hours = calendar.hours[chosen];
  return {
    days: weekdays.map((day) => ({ day, name: dayNames[day], hours: calendar.hours[day] })),
    dayNames,
    holidays: calendar.holidays.map((h) => ({ ...h, label: longDate(h.date) })),
    timeZone: calendar.timeZone,
    notice: data.notice,
    values: { day: chosen, open: hours ? 'yes' : 'no', opens: hours?.opens ?? '09:00', closes: hours?.closes ?? '17:00', ...data.values },
  };
}

function hoursForm(body: Record<string, unknown>) {
  return { day: textField(body.day), open: textField(body.open), opens: textField(body.opens), closes: textField(body.closes) };
}

/** The admin's calendar page (working hours and holidays) and the calendar API. */
export function registerCalendarRoutes(root: FastifyInstance, db: Kysely<Database>): void {
  root.get('/admin/calendar', { config: manage }, async (request, reply) => {
    const query = formBody(request.query);
    return reply.page(template, await calendarPage(db, { notice: notices[textField(query.saved)], day: textField(query.day) }));
  });

  root.post('/admin/calendar/hours', { config: manage }, async (request, reply) => {
    const values = hoursForm(formBody(request.body));
    return handleForm(reply, template, await calendarPage(db, { values }), async () => {
      const open = values.open === 'yes' ? true : values.open === 'no' ? false : undefined;
      await setDayHours(db, actorOf(request), { ...values, open });
      return redirect(reply, 'hours');
    });
  });

  root.post('/admin/calendar/holidays', { config: manage }, async (request, reply) => {
    const body = formBody(request.body);
    const values = { date: textField(body.date), name: textField(body.name) };
    return handleForm(reply, template, await calendarPage(db, { values }), async () => {
      await addHoliday(db, actorOf(request), values);
      return redirect(reply, 'added');
    });
  });

  root.post<{ Params: { date: string } }>('/admin/calendar/holidays/:date/remove', { config: manage }, async (request, reply) => {
    await removeHoliday(db, actorOf(request), request.params.date);
    return redirect(reply, 'removed');
  });

  registerCalendarApi(root, db);
}

function redirect(reply: FastifyReply, saved: string): FastifyReply {
  return reply.redirect(`/admin/calendar?saved=${saved}`, 303);
}

const hoursSchema = z.object({ opens: z.string(), closes: z.string() }).nullable();
const holidaySchema = z.object({ date: z.string(), name: z.string() });
const calendarSchema = z.object({
  timeZone: z.string(),
  hours: z.object({ monday: hoursSchema, tuesday: hoursSchema, wednesday: hoursSchema, thursday: hoursSchema, friday: hoursSchema, saturday: hoursSchema, sunday: hoursSchema }),
  holidays: z.array(holidaySchema),
});

const asJson = (calendar: WorkingCalendar) => ({ ...calendar, holidays: [...calendar.holidays] });

function registerCalendarApi(root: FastifyInstance, db: Kysely<Database>): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  app.get('/api/v1/calendar', { config: manage, schema: { tags, summary: 'The organisation calendar: working hours (Europe/London, HH:MM; null: closed) and holidays', response: { 200: calendarSchema } } }, async () =>
    asJson(await readCalendar(db)));
  app.put('/api/v1/calendar', { config: manage, schema: { tags, summary: 'Replace the calendar: every day’s hours and every holiday', body: calendarInput, response: { 200: calendarSchema } } }, async (request) =>
    asJson(await replaceCalendar(db, actorOf(request), request.body)));
  app.post('/api/v1/calendar/holidays', { config: manage, schema: { tags, summary: 'Add a holiday (a date closed all day)', body: holidayInput, response: { 201: holidaySchema } } }, async (request, reply) =>
    reply.code(201).send(await addHoliday(db, actorOf(request), request.body)));
  app.delete('/api/v1/calendar/holidays/:date', { config: manage, schema: { tags, summary: 'Remove a holiday', params: z.object({ date: isoDateInput }) } }, async (request, reply) => {
    await removeHoliday(db, actorOf(request), request.params.date);
    return reply.code(204).send();
  });
}
