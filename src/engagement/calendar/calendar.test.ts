import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../../test/support/test-databases.js';
import { listAuditEvents, type Actor } from '../../platform/audit/audit-log.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { addHoliday, calendarCacheMs, loadCalendar, removeHoliday, replaceCalendar, setDayHours } from './calendar.js';
import { defaultCalendar } from './default-calendar.js';

const actor: Actor = { type: 'system', label: 'test' };

async function problemsOf(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') return [...error.problems];
    throw error;
  }
  assert.fail('the change was accepted');
}

for (const dialect of testDialects()) {
  describe(`the organisation calendar on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());

    it('starts as Monday to Friday 09:00 to 17:00 with the bank holidays of England and Wales', async () => {
      const calendar = await loadCalendar(handle.db);
      assert.deepEqual(calendar, defaultCalendar);
      assert.equal(calendar.holidays.length, 24);
      assert.deepEqual(calendar.holidays.find((h) => h.date === '2026-12-28'), { date: '2026-12-28', name: 'Boxing Day (substitute day)' });
      assert.equal(await loadCalendar(handle.db), calendar, 'the second read comes from memory');
    });

    it('changes and closes a day, audited, and is seen at once', async () => {
      await loadCalendar(handle.db);
      await setDayHours(handle.db, actor, { day: 'saturday', open: true, opens: '10:00', closes: '13:00' });
      await setDayHours(handle.db, actor, { day: 'friday', open: false });
      const calendar = await loadCalendar(handle.db);
      assert.deepEqual(calendar.hours.saturday, { opens: '10:00', closes: '13:00' });
      assert.equal(calendar.hours.friday, null);
      const events = await listAuditEvents(handle.db, { action: 'calendar.' });
      assert.deepEqual(events.map((e) => [e.action, e.details]), [
        ['calendar.hours_changed', { day: 'friday', from: '09:00–17:00', to: 'closed' }],
        ['calendar.hours_changed', { day: 'saturday', from: 'closed', to: '10:00–13:00' }],
      ]);
    });

    it('refuses bad hours, naming the field, and records nothing', async () => {
      const count = (await listAuditEvents(handle.db, { action: 'calendar.' })).length;
      assert.deepEqual(await problemsOf(setDayHours(handle.db, actor, { day: 'monday', open: true, opens: '17:00', closes: '09:00' })),
        [{ path: 'closes', message: 'The closing time must be after the opening time (17:00)' }]);
      assert.deepEqual((await problemsOf(setDayHours(handle.db, actor, { day: 'monday', open: true, opens: '9am', closes: '25:00' }))).map((p) => p.path), ['opens', 'closes']);
      assert.deepEqual((await problemsOf(setDayHours(handle.db, actor, { day: 'someday', open: false }))).map((p) => p.path), ['day']);
      assert.equal((await listAuditEvents(handle.db, { action: 'calendar.' })).length, count);
    });

    it('adds and removes holidays, refusing a date twice and a date that does not exist', async () => {
      await addHoliday(handle.db, actor, { date: '2026-11-30', name: ' St Andrew’s Day ' });
      assert.deepEqual((await loadCalendar(handle.db)).holidays.find((h) => h.date === '2026-11-30'), { date: '2026-11-30', name: 'St Andrew’s Day' });
      assert.deepEqual(await problemsOf(addHoliday(handle.db, actor, { date: '2026-12-25', name: 'Christmas' })),
        [{ path: 'date', message: '2026-12-25 is already a holiday: Christmas Day' }]);
      assert.deepEqual(await problemsOf(addHoliday(handle.db, actor, { date: '2026-02-30', name: 'Nonsense' })), [{ path: 'date', message: 'Enter a real date, like 2026-12-25' }]);
      assert.deepEqual((await problemsOf(addHoliday(handle.db, actor, { date: '30/11/2026', name: '' }))).map((p) => p.path), ['date', 'name']);

      await removeHoliday(handle.db, actor, '2026-11-30');
      assert.equal((await loadCalendar(handle.db)).holidays.some((h) => h.date === '2026-11-30'), false);
      await assert.rejects(removeHoliday(handle.db, actor, '2026-11-30'), (error: unknown) => error instanceof AppError && error.code === 'not_found');
      const events = await listAuditEvents(handle.db, { action: 'calendar.holiday' });
      assert.deepEqual(events.map((e) => [e.action, e.subjectId, e.details]), [
        ['calendar.holiday_removed', '2026-11-30', { date: '2026-11-30', name: 'St Andrew’s Day' }],
        ['calendar.holiday_added', '2026-11-30', { date: '2026-11-30', name: 'St Andrew’s Day' }],
      ]);
    });

    it('replaces the whole calendar, audited with what changed, and refuses one with no working hours', async () => {
      const hours = { ...defaultCalendar.hours, wednesday: { opens: '08:30', closes: '16:30' } };
      const holidays = [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2027-01-04', name: 'Scottish bank holiday' }];
      const replaced = await replaceCalendar(handle.db, actor, { hours, holidays });
      assert.deepEqual(replaced, { timeZone: 'Europe/London', hours, holidays });
      const [event] = await listAuditEvents(handle.db, { action: 'calendar.replaced' });
      assert.deepEqual(event?.details.holidaysAdded, ['2027-01-04']);
      assert.equal(Array.isArray(event.details.holidaysRemoved) && event.details.holidaysRemoved.length, 23);

      const closed = { monday: null, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: null };
      assert.deepEqual((await problemsOf(replaceCalendar(handle.db, actor, { hours: closed, holidays }))).map((p) => p.path), ['hours']);
      assert.deepEqual((await problemsOf(replaceCalendar(handle.db, actor, { hours, holidays: [...holidays, holidays[0]] }))).map((p) => p.path), ['holidays.2.date']);
      assert.deepEqual((await problemsOf(replaceCalendar(handle.db, actor, { hours: { ...hours, monday: { opens: '09:00', closes: '09:00' } }, holidays }))).map((p) => p.path), ['hours.monday.closes']);
      assert.deepEqual(await loadCalendar(handle.db), replaced, 'nothing changed');
    });

    it('refuses to close the last open day', async () => {
      const only = { monday: { opens: '09:00', closes: '17:00' }, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: null };
      await replaceCalendar(handle.db, actor, { hours: only, holidays: [] });
      assert.deepEqual((await problemsOf(setDayHours(handle.db, actor, { day: 'monday', open: false }))).map((p) => p.path), ['open']);
    });

    it('sees a change made by another process once its copy is older than the cache time', async () => {
      const now = Date.now();
      const calendar = await loadCalendar(handle.db, now);
      await handle.db.updateTable('calendar_hours').set({ opens: '07:00' }).where('day', '=', 'monday').execute();
      assert.equal(await loadCalendar(handle.db, now + 1000), calendar);
      assert.equal((await loadCalendar(handle.db, now + calendarCacheMs)).hours.monday?.opens, '07:00');
    });
  });
}
