import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { weekdays, type OpeningHours, type Weekday, type WorkingCalendar } from './working-calendar.js';
import { addWorkingDays, addWorkingTime, nextWorkingTime, workingMinutesBetween } from './working-time.js';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Quarter-hour hours anywhere in the day, so that some open or close inside the hour the clocks change.
const openingHours: fc.Arbitrary<OpeningHours> = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ opens: hhmm(Math.min(a, b) * 15), closes: hhmm(Math.max(a, b) * 15) }));

const week = (pick: (day: Weekday, index: number) => OpeningHours | null): WorkingCalendar['hours'] => ({
  monday: pick('monday', 0), tuesday: pick('tuesday', 1), wednesday: pick('wednesday', 2), thursday: pick('thursday', 3),
  friday: pick('friday', 4), saturday: pick('saturday', 5), sunday: pick('sunday', 6),
});

const dayIn2025to2027 = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
const holidays = fc.uniqueArray(dayIn2025to2027, { maxLength: 40 }).map((dates) => dates.map((date) => ({ date, name: 'Holiday' })));

const calendar: fc.Arbitrary<WorkingCalendar> = fc
  .tuple(fc.array(fc.option(openingHours, { nil: null }), { minLength: 7, maxLength: 7 }), holidays)
  .filter(([hours]) => hours.some((h) => h !== null))
  .map(([hours, days]) => ({
    timeZone: 'Europe/London',
    hours: week((_day, index) => hours[index] ?? null),
    holidays: days,
  }));

/** Calendars whose open days are all the same length and clear of the clock changes, so every working day is as long. */
const evenCalendar: fc.Arbitrary<{ calendar: WorkingCalendar; dayMinutes: number }> = fc
  .tuple(fc.integer({ min: 12, max: 80 }), fc.integer({ min: 1, max: 15 }), fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 }), holidays)
  .map(([start, length, open, days]) => {
    const hours = { opens: hhmm(start * 15), closes: hhmm(Math.min(96, start + length) * 15) };
    return {
      calendar: { timeZone: 'Europe/London', holidays: days, hours: week((day) => (open.includes(day) ? hours : null)) },
      dayMinutes: (Math.min(96, start + length) - start) * 15,
    };
  });

const clockChanges = ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'].map(Date.parse);
const instant: fc.Arbitrary<Date> = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 1) }),
  fc.tuple(fc.constantFrom(...clockChanges), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([change, offset]) => change + offset),
).map((ms) => new Date(ms));
const minutes = fc.integer({ min: 0, max: 6000 });

describe('working time, for any calendar', () => {
  it('is monotonic in the start and in the amount', () => {
    fc.assert(fc.property(calendar, instant, instant, minutes, minutes, (cal, t1, t2, m1, m2) => {
      const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
      assert.ok(addWorkingTime(cal, early, m1) <= addWorkingTime(cal, late, m1));
      assert.ok(addWorkingTime(cal, early, Math.min(m1, m2)) <= addWorkingTime(cal, early, Math.max(m1, m2)));
      assert.ok(addWorkingTime(cal, early, m1) >= early);
    }));
  });

  it('is additive: adding a then b is adding a + b', () => {
    fc.assert(fc.property(calendar, instant, minutes, minutes, (cal, t, a, b) => {
      assert.equal(addWorkingTime(cal, addWorkingTime(cal, t, a), b).getTime(), addWorkingTime(cal, t, a + b).getTime());
    }));
  });

  it('measures back what it added, from any start', () => {
    fc.assert(fc.property(calendar, instant, minutes, (cal, t, m) => {
      assert.equal(workingMinutesBetween(cal, t, addWorkingTime(cal, t, m)), m);
    }));
  });

  it('counts nothing between a time and the next opening, and splits intervals exactly', () => {
    fc.assert(fc.property(calendar, instant, instant, instant, (cal, a, b, c) => {
      assert.equal(workingMinutesBetween(cal, a, nextWorkingTime(cal, a)), 0);
      const [x, y, z] = [a, b, c].sort((p, q) => p.getTime() - q.getTime());
      if (!x || !y || !z) throw new Error('three instants expected');
      const whole = workingMinutesBetween(cal, x, z);
      assert.ok(Math.abs(whole - workingMinutesBetween(cal, x, y) - workingMinutesBetween(cal, y, z)) < 1e-9);
      assert.ok(whole <= (z.getTime() - x.getTime()) / 60_000);
    }));
  });

  it('gives working-day due times that never go backwards', () => {
    fc.assert(fc.property(calendar, instant, instant, fc.integer({ min: 0, max: 10 }), (cal, t1, t2, n) => {
      const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
      assert.ok(addWorkingDays(cal, early, n) <= addWorkingDays(cal, late, n));
      assert.ok(addWorkingDays(cal, early, n) <= addWorkingDays(cal, early, n + 1));
      assert.ok(addWorkingDays(cal, early, n) >= early);
    }));
  });
});

describe('working days, for calendars whose days are all as long', () => {
  it('are that many days of working minutes from any start, and add up', () => {
    fc.assert(fc.property(evenCalendar, instant, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), ({ calendar: cal, dayMinutes }, t, a, b) => {
      assert.equal(workingMinutesBetween(cal, t, addWorkingDays(cal, t, a)), a * dayMinutes);
      if (a > 0) assert.equal(addWorkingDays(cal, addWorkingDays(cal, t, a), b).getTime(), addWorkingDays(cal, t, a + b).getTime());
    }));
  });
});
