import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { instantOfLocal, isoDateOf, localDayOf, weekdayIndexOf, zoneOffsetMs } from './zoned-time.js';

const london = 'Europe/London';
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const at = (iso: string) => new Date(instantOfLocal(london, dayOf(iso.slice(0, 10)), Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)))).toISOString();

describe('Europe/London wall-clock times', () => {
  it('knows the offset in winter and in summer', () => {
    assert.equal(zoneOffsetMs(london, Date.parse('2026-01-15T12:00:00Z')), 0);
    assert.equal(zoneOffsetMs(london, Date.parse('2026-07-15T12:00:00Z')), 3_600_000);
  });

  it('turns local times into instants on ordinary days', () => {
    assert.equal(at('2026-01-15 09:00'), '2026-01-15T09:00:00.000Z');
    assert.equal(at('2026-07-15 09:00'), '2026-07-15T08:00:00.000Z');
    assert.equal(at('2026-07-15 24:00'), '2026-07-15T23:00:00.000Z');
  });

  it('on the last Sunday of March, reads a skipped time as past the gap', () => {
    assert.equal(at('2026-03-29 00:30'), '2026-03-29T00:30:00.000Z');
    assert.equal(at('2026-03-29 01:30'), '2026-03-29T01:30:00.000Z', '01:30 does not exist; it lands at 02:30 BST');
    assert.equal(at('2026-03-29 02:00'), '2026-03-29T01:00:00.000Z');
  });

  it('on the last Sunday of October, reads a repeated time as the first of the two', () => {
    assert.equal(at('2026-10-25 00:30'), '2026-10-24T23:30:00.000Z');
    assert.equal(at('2026-10-25 01:30'), '2026-10-25T00:30:00.000Z');
    assert.equal(at('2026-10-25 02:00'), '2026-10-25T02:00:00.000Z');
  });

  it('gives the local date and weekday of an instant', () => {
    assert.equal(isoDateOf(localDayOf(london, Date.parse('2026-07-15T23:30:00Z'))), '2026-07-16', 'half past midnight in BST');
    assert.equal(isoDateOf(localDayOf(london, Date.parse('2026-01-15T23:30:00Z'))), '2026-01-15');
    assert.equal(weekdayIndexOf(dayOf('2026-06-15')), 0, 'a Monday');
    assert.equal(weekdayIndexOf(dayOf('2026-06-21')), 6, 'a Sunday');
  });
});
