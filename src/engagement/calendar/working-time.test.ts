import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultCalendar } from './default-calendar.js';
import type { WorkingCalendar } from './working-calendar.js';
import { addWorkingDays, addWorkingDuration, addWorkingTime, isWorkingTime, nextWorkingTime, workingMinutesBetween } from './working-time.js';

const calendar = defaultCalendar;
const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const allDay = { opens: '00:00', closes: '24:00' };
const everyDay: WorkingCalendar = {
  timeZone: 'Europe/London', holidays: [],
  hours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay },
};
const withSunday = (hours: { opens: string; closes: string }): WorkingCalendar => ({ ...calendar, hours: { ...calendar.hours, sunday: hours } });

describe('addWorkingTime', () => {
  it('Friday 16:45 + 1 working hour with a 17:00 close is Monday 09:45', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-12T16:45:00+01:00'), 60)), iso(d('2026-06-15T09:45:00+01:00')));
  });

  it('skips a bank holiday Monday', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-05-01T16:30:00+01:00'), 60)), iso(d('2026-05-05T09:30:00+01:00')));
  });

  it('skips Good Friday and Easter Monday', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-04-02T16:00:00+01:00'), 120)), iso(d('2026-04-07T10:00:00+01:00')));
  });

  it('rolls a start outside working hours to the next opening', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-13T11:00:00+01:00'), 30)), iso(d('2026-06-15T09:30:00+01:00')), 'Saturday');
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-12T08:00:00+01:00'), 60)), iso(d('2026-06-12T10:00:00+01:00')), 'before opening');
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-12T17:00:00+01:00'), 1)), iso(d('2026-06-15T09:01:00+01:00')), 'at closing');
  });

  it('ends a day exactly at its closing time, and adding nothing changes nothing', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-12T16:00:00+01:00'), 60)), iso(d('2026-06-12T17:00:00+01:00')));
    assert.equal(iso(addWorkingTime(calendar, d('2026-06-13T11:00:00+01:00'), 0)), iso(d('2026-06-13T11:00:00+01:00')));
  });

  it('keeps 09:00 to 17:00 local across the last Sunday of March', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-03-27T16:00:00Z'), 120)), '2026-03-30T09:00:00.000Z', 'Friday 16:00 GMT + 2h is Monday 10:00 BST');
  });

  it('keeps 09:00 to 17:00 local across the last Sunday of October', () => {
    assert.equal(iso(addWorkingTime(calendar, d('2026-10-23T16:00:00+01:00'), 120)), '2026-10-26T10:00:00.000Z', 'Friday 16:00 BST + 2h is Monday 10:00 GMT');
  });

  it('counts elapsed time across a clock change inside working hours', () => {
    assert.equal(iso(addWorkingTime(everyDay, d('2026-03-29T00:00:00Z'), 120)), '2026-03-29T02:00:00.000Z', 'midnight GMT + 2h is 03:00 BST');
    assert.equal(iso(addWorkingTime(everyDay, d('2026-10-25T00:00:00+01:00'), 120)), '2026-10-25T01:00:00.000Z', 'midnight BST + 2h is 01:00 GMT');
  });

  it('refuses a negative or endless amount, and a calendar with no working hours', () => {
    assert.throws(() => addWorkingTime(calendar, d('2026-06-12T10:00:00Z'), -1), RangeError);
    assert.throws(() => addWorkingTime(calendar, d('2026-06-12T10:00:00Z'), Number.POSITIVE_INFINITY), RangeError);
    const closed: WorkingCalendar = { ...calendar, hours: { monday: null, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: null } };
    assert.throws(() => addWorkingTime(closed, d('2026-06-12T10:00:00Z'), 60), /no working hours/);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working hours', () => {
    assert.equal(workingMinutesBetween(calendar, d('2026-06-12T16:00:00+01:00'), d('2026-06-15T10:00:00+01:00')), 120);
    assert.equal(workingMinutesBetween(calendar, d('2026-06-15T09:00:00+01:00'), d('2026-06-19T17:00:00+01:00')), 5 * 480);
  });

  it('is zero for a weekend, a holiday, an evening, and a backwards interval', () => {
    assert.equal(workingMinutesBetween(calendar, d('2026-06-12T17:00:00+01:00'), d('2026-06-15T09:00:00+01:00')), 0);
    assert.equal(workingMinutesBetween(calendar, d('2026-12-25T00:00:00Z'), d('2026-12-28T23:59:00Z')), 0);
    assert.equal(workingMinutesBetween(calendar, d('2026-06-15T18:00:00+01:00'), d('2026-06-16T08:59:00+01:00')), 0);
    assert.equal(workingMinutesBetween(calendar, d('2026-06-16T12:00:00+01:00'), d('2026-06-16T10:00:00+01:00')), 0);
  });

  it('counts a whole day on the last Sunday of March as 23 hours, and of October as 25', () => {
    assert.equal(workingMinutesBetween(everyDay, d('2026-03-29T00:00:00Z'), d('2026-03-30T00:00:00+01:00')), 23 * 60);
    assert.equal(workingMinutesBetween(everyDay, d('2026-10-25T00:00:00+01:00'), d('2026-10-26T00:00:00Z')), 25 * 60);
  });

  it('honours 09:00 to 17:00 local on the days the clocks change', () => {
    const sundays = withSunday({ opens: '09:00', closes: '17:00' });
    assert.equal(workingMinutesBetween(sundays, d('2026-03-29T00:00:00Z'), d('2026-03-29T23:00:00Z')), 480);
    assert.equal(workingMinutesBetween(sundays, d('2026-10-25T00:00:00Z'), d('2026-10-25T23:00:00Z')), 480);
  });

  it('does not work the hour the clocks skip, and works the repeated hour twice', () => {
    const night = withSunday({ opens: '01:00', closes: '03:00' });
    assert.equal(workingMinutesBetween(night, d('2026-03-28T12:00:00Z'), d('2026-03-29T12:00:00Z')), 60);
    assert.equal(workingMinutesBetween(night, d('2026-10-24T12:00:00Z'), d('2026-10-25T12:00:00Z')), 180);
  });
});

describe('addWorkingDays', () => {
  it('keeps the time of day: Monday 10:30 + 2 working days is Wednesday 10:30', () => {
    assert.equal(iso(addWorkingDays(calendar, d('2026-06-15T10:30:00+01:00'), 2)), iso(d('2026-06-17T10:30:00+01:00')));
  });

  it('starts the clock at the next opening when the start is outside working hours', () => {
    assert.equal(iso(addWorkingDays(calendar, d('2026-06-13T11:00:00+01:00'), 2)), iso(d('2026-06-17T09:00:00+01:00')), 'Saturday');
    assert.equal(iso(addWorkingDays(calendar, d('2026-06-12T17:00:00+01:00'), 1)), iso(d('2026-06-16T09:00:00+01:00')), 'Friday at closing');
    assert.equal(iso(addWorkingDays(calendar, d('2026-06-15T07:00:00+01:00'), 1)), iso(d('2026-06-16T09:00:00+01:00')), 'Monday before opening');
  });

  it('skips bank holidays: Christmas Eve 2026 + 2 working days is Wednesday 30 December', () => {
    assert.equal(iso(addWorkingDays(calendar, d('2026-12-24T11:00:00Z'), 2)), iso(d('2026-12-30T11:00:00Z')));
  });

  it('ends at the closing time of a shorter day', () => {
    const shortFriday: WorkingCalendar = { ...calendar, hours: { ...calendar.hours, friday: { opens: '09:00', closes: '16:00' } } };
    assert.equal(iso(addWorkingDays(shortFriday, d('2026-06-11T16:30:00+01:00'), 1)), iso(d('2026-06-12T16:00:00+01:00')));
  });

  it('keeps the local time across a clock change', () => {
    assert.equal(iso(addWorkingDays(calendar, d('2026-03-27T10:00:00Z'), 1)), iso(d('2026-03-30T10:00:00+01:00')));
  });

  it('refuses a fraction of a day', () => {
    assert.throws(() => addWorkingDays(calendar, d('2026-06-15T10:30:00+01:00'), 1.5), RangeError);
  });
});

describe('promises, and whether work is going on', () => {
  it('reads a promise in working hours or in working days', () => {
    const from = d('2026-06-12T16:45:00+01:00');
    assert.equal(iso(addWorkingDuration(calendar, from, { workingHours: 1 })), iso(d('2026-06-15T09:45:00+01:00')));
    assert.equal(iso(addWorkingDuration(calendar, from, { workingDays: 2 })), iso(d('2026-06-16T16:45:00+01:00')));
  });

  it('knows when the organisation is working and when it next opens', () => {
    assert.equal(isWorkingTime(calendar, d('2026-06-15T09:00:00+01:00')), true);
    assert.equal(isWorkingTime(calendar, d('2026-06-15T17:00:00+01:00')), false);
    assert.equal(isWorkingTime(calendar, d('2026-05-04T12:00:00+01:00')), false, 'a bank holiday');
    assert.equal(iso(nextWorkingTime(calendar, d('2026-06-13T11:00:00+01:00'))), iso(d('2026-06-15T09:00:00+01:00')));
    assert.equal(iso(nextWorkingTime(calendar, d('2026-06-15T11:00:00+01:00'))), iso(d('2026-06-15T11:00:00+01:00')));
  });
});
