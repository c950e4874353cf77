import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { reportRangeQuery, resolveReportRange } from './report-range.js';

describe('a report’s period', () => {
  it('is the last 30 days in UK time by default, today included', () => {
    // 00:30 on 1 July in UK summer time is still 30 June in UTC.
    const range = resolveReportRange({}, new Date('2026-06-30T23:30:00.000Z'));
    assert.deepEqual(range, { from: '2026-06-02', to: '2026-07-01', startsAt: '2026-06-01T23:00:00.000Z', endsBefore: '2026-07-01T23:00:00.000Z' });
  });

  it('runs from the start of the first day to the start of the day after the last, across a clock change', () => {
    const range = resolveReportRange({ from: '2026-03-01', to: '2026-03-31' }, new Date());
    assert.equal(range.startsAt, '2026-03-01T00:00:00.000Z');
    assert.equal(range.endsBefore, '2026-03-31T23:00:00.000Z');
    assert.equal(resolveReportRange({ to: '2026-01-30' }, new Date()).from, '2026-01-01');
  });

  it('refuses an end before the start and a period longer than 366 days', () => {
    assert.throws(() => resolveReportRange({ from: '2026-03-02', to: '2026-03-01' }, new Date()), (error: { problems: { path: string }[] }) => error.problems[0]?.path === 'to');
    assert.doesNotThrow(() => resolveReportRange({ from: '2025-03-01', to: '2026-03-01' }, new Date()));
    assert.throws(() => resolveReportRange({ from: '2025-02-28', to: '2026-03-01' }, new Date()), /not valid/);
  });

  it('accepts only real dates written year, month, day', () => {
    assert.equal(reportRangeQuery.safeParse({ from: '2028-02-29' }).success, true);
    for (const from of ['2026-02-29', '2026-13-01', '01/03/2026', 'yesterday', '']) assert.equal(reportRangeQuery.safeParse({ from }).success, false, from);
  });
});
