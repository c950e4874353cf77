import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeServiceLevels, isWelshSlower, promiseOutcome, type CaseTiming } from './service-levels.js';

const now = '2026-03-10T12:00:00.000Z';

/** A case opened on 2 March, due on the 4th, in English on channel A of team T, unanswered and open unless told. */
function timing(overrides: Partial<CaseTiming> = {}): CaseTiming {
  return {
    openedAt: '2026-03-02T10:00:00.000Z', dueAt: '2026-03-04T10:00:00.000Z', firstResponseAt: null, firstResponseMinutes: null,
    isOpen: true, language: 'en', channelId: 'A', teamId: 'T', ...overrides,
  };
}

/** An answered case, `minutes` working minutes after opening, by the due time or after it. */
const answered = (minutes: number, onTime = true, overrides: Partial<CaseTiming> = {}) => timing({
  firstResponseAt: onTime ? '2026-03-03T10:00:00.000Z' : '2026-03-05T10:00:00.000Z', firstResponseMinutes: minutes, isOpen: false, ...overrides,
});

describe('where a case stands against its promise', () => {
  it('is within it when answered by the due time, to the millisecond, and missed when answered after', () => {
    assert.equal(promiseOutcome(timing({ firstResponseAt: '2026-03-04T10:00:00.000Z', firstResponseMinutes: 960 }), now), 'within');
    assert.equal(promiseOutcome(timing({ firstResponseAt: '2026-03-04T10:00:00.001Z', firstResponseMinutes: 960 }), now), 'missed');
  });

  it('is missed when still open past the due time, and not yet decided before it', () => {
    assert.equal(promiseOutcome(timing(), now), 'missed');
    assert.equal(promiseOutcome(timing(), '2026-03-04T10:00:00.000Z'), 'notYetDue');
    assert.equal(promiseOutcome(timing(), '2026-03-03T09:00:00.000Z'), 'notYetDue');
  });

  it('is outside the share when closed without a reply or without a due time', () => {
    assert.equal(promiseOutcome(timing({ isOpen: false }), now), 'closedWithoutReply');
    assert.equal(promiseOutcome(timing({ dueAt: null }), now), 'withoutPromise');
    assert.equal(promiseOutcome(timing({ dueAt: null, firstResponseAt: now, firstResponseMinutes: 5 }), now), 'withoutPromise');
  });
});

describe('service levels', () => {
  it('counts, times and shares the cases of a period', () => {
    const rows = [
      answered(60), answered(120), answered(180), answered(600, false),
      timing(), // open past due: missed
      timing({ dueAt: '2026-03-20T10:00:00.000Z' }), // not yet due
      timing({ isOpen: false }), // closed without a reply
      timing({ dueAt: null, firstResponseAt: '2026-03-03T10:00:00.000Z', firstResponseMinutes: 30, isOpen: false }), // no promise, answered
    ];
    const { overall } = computeServiceLevels(rows, now);
    assert.deepEqual(overall.all, {
      cases: 8, answered: 5, medianHours: 2, p90Hours: 7.2, withinPromise: 3, missed: 2, shareWithinPromise: 0.6,
      notYetDue: 1, closedWithoutReply: 1, withoutPromise: 1,
    });
  });

  it('has no times or share for cases none of which is answered or decided', () => {
    const { overall } = computeServiceLevels([timing({ dueAt: '2026-04-01T00:00:00.000Z' })], now);
    assert.equal(overall.all.medianHours, null);
    assert.equal(overall.all.p90Hours, null);
    assert.equal(overall.all.shareWithinPromise, null);
    assert.equal(overall.all.notYetDue, 1);
    assert.deepEqual(computeServiceLevels([], now).byChannel, []);
  });

  it('splits by channel and by team, cases without one in a group of their own', () => {
    const rows = [answered(60, true, { channelId: 'A', teamId: 'T' }), answered(90, true, { channelId: 'B', teamId: 'T' }), answered(30, false, { channelId: null, teamId: null })];
    const levels = computeServiceLevels(rows, now);
    assert.deepEqual(levels.byChannel.map((g) => [g.id, g.all.cases, g.all.medianHours]), [['A', 1, 1], ['B', 1, 1.5], [null, 1, 0.5]]);
    assert.deepEqual(levels.byTeam.map((g) => [g.id, g.all.cases, g.all.withinPromise, g.all.missed]), [['T', 2, 2, 0], [null, 1, 0, 1]]);
  });

  it('puts Welsh beside English, other languages only in the whole, and flags Welsh when slower', () => {
    const rows = [
      answered(60, true, { language: 'en' }), answered(120, true, { language: 'en' }),
      answered(60, true, { language: 'cy' }), answered(600, false, { language: 'cy' }),
      answered(6000, false, { language: 'pl' }),
    ];
    const { overall, byChannel } = computeServiceLevels(rows, now);
    assert.equal(overall.all.cases, 5);
    assert.equal(overall.welsh.cases + overall.english.cases, 4);
    assert.equal(overall.english.medianHours, 1.5);
    assert.equal(overall.welsh.medianHours, 5.5);
    assert.equal(overall.welsh.shareWithinPromise, 0.5);
    assert.equal(overall.welshSlower, true);
    assert.equal(byChannel[0]?.welshSlower, true);
  });

  it('flags Welsh as slower on a greater 90th percentile alone, and not when either side has no answer', () => {
    const stats = (medianHours: number | null, p90Hours: number | null) => ({ ...computeServiceLevels([], now).overall.all, medianHours, p90Hours });
    assert.equal(isWelshSlower(stats(1, 9), stats(1, 8)), true);
    assert.equal(isWelshSlower(stats(1, 8), stats(1, 8)), false);
    assert.equal(isWelshSlower(stats(0.5, 8), stats(1, 9)), false);
    assert.equal(isWelshSlower(stats(null, null), stats(1, 9)), false);
    assert.equal(isWelshSlower(stats(5, 9), stats(null, null)), false);
  });

  it('adds up: every case is in exactly one outcome, and groups add up to the whole', () => {
    const row = fc.record({
      dueAt: fc.option(fc.constantFrom('2026-03-04T10:00:00.000Z', '2026-03-20T10:00:00.000Z'), { nil: null }),
      answer: fc.option(fc.tuple(fc.constantFrom('2026-03-03T10:00:00.000Z', '2026-03-05T10:00:00.000Z'), fc.integer({ min: 0, max: 5000 })), { nil: null }),
      isOpen: fc.boolean(), language: fc.constantFrom('en', 'cy', 'pl'), channelId: fc.option(fc.constantFrom('A', 'B'), { nil: null }), teamId: fc.option(fc.constantFrom('T', 'U'), { nil: null }),
    }).map(({ answer, ...rest }): CaseTiming => timing({ ...rest, firstResponseAt: answer?.[0] ?? null, firstResponseMinutes: answer?.[1] ?? null }));
    fc.assert(fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
      const levels = computeServiceLevels(rows, now);
      const { all } = levels.overall;
      assert.equal(all.cases, rows.length);
      assert.equal(all.withinPromise + all.missed + all.notYetDue + all.closedWithoutReply + all.withoutPromise, all.cases);
      assert.equal(all.answered, rows.filter((r) => r.firstResponseAt !== null).length);
      for (const groups of [levels.byChannel, levels.byTeam]) {
        assert.equal(groups.reduce((sum, g) => sum + g.all.cases, 0), all.cases);
        assert.equal(groups.reduce((sum, g) => sum + g.all.missed, 0), all.missed);
        for (const g of groups) assert.ok(g.all.medianHours === null || g.all.p90Hours === null || g.all.medianHours <= g.all.p90Hours);
      }
      assert.ok(all.shareWithinPromise === null || (all.shareWithinPromise >= 0 && all.shareWithinPromise <= 1));
    }));
  });
});
