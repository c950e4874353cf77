import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseFeedDate } from './feed-dates.js';

describe('parseFeedDate', () => {
  it('reads RFC 822 dates as RSS writes them, with offsets and zone names', () => {
    assert.equal(parseFeedDate('Tue, 10 Jun 2025 09:30:00 +0100'), '2025-06-10T08:30:00.000Z');
    assert.equal(parseFeedDate('Tue, 10 Jun 2025 09:30:00 GMT'), '2025-06-10T09:30:00.000Z');
    assert.equal(parseFeedDate('10 Jun 2025 09:30 BST'), '2025-06-10T08:30:00.000Z');
    assert.equal(parseFeedDate('Mon, 01 Dec 2025 17:00:00 EST'), '2025-12-01T22:00:00.000Z');
    assert.equal(parseFeedDate('Wednesday, 1 January 2025 00:00:00 -05:30'), '2025-01-01T05:30:00.000Z');
    assert.equal(parseFeedDate('Sat, 7 Jun 25 08:15 Z'), '2025-06-07T08:15:00.000Z');
    assert.equal(parseFeedDate('Sun, 06-Nov-94 08:49:37 GMT'), '1994-11-06T08:49:37.000Z');
    assert.equal(parseFeedDate('Tue, 10 Jun 2025 09:30:00'), '2025-06-10T09:30:00.000Z');
    assert.equal(parseFeedDate('Tue, 10 Jun 2025 09:30:00 +0000 (UTC)'), '2025-06-10T09:30:00.000Z');
  });

  it('reads RFC 3339 dates as Atom and JSON Feed write them', () => {
    assert.equal(parseFeedDate('2025-06-11T07:30:00+01:00'), '2025-06-11T06:30:00.000Z');
    assert.equal(parseFeedDate('2025-06-11T07:30:00.123456Z'), '2025-06-11T07:30:00.123Z');
    assert.equal(parseFeedDate('2025-06-11t07:30:00z'), '2025-06-11T07:30:00.000Z');
    assert.equal(parseFeedDate('2025-06-11 07:30:00-0230'), '2025-06-11T10:00:00.000Z');
    assert.equal(parseFeedDate('2025-06-11T07:30'), '2025-06-11T07:30:00.000Z');
    assert.equal(parseFeedDate(' 2025-06-11 '), '2025-06-11T00:00:00.000Z');
    assert.equal(parseFeedDate('2016-12-31T23:59:60Z'), '2016-12-31T23:59:59.000Z');
  });

  it('gives null for what is no date, or no possible one', () => {
    for (const text of [
      '', 'yesterday afternoon', '2025-02-30', '2025-13-01', '2025-06-11T24:00:00Z', '2025-06-11T10:61:00Z',
      '31 Jun 2025 10:00 GMT', '10 Foo 2025 10:00 GMT', '0099-01-01', '2025-06-11T10:00:00+25:00', '12345',
    ]) {
      assert.equal(parseFeedDate(text), null, text);
    }
  });

  it('reads any date back from its RFC 822 (UTC) and RFC 3339 forms', () => {
    const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, (date) => {
        const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
        assert.equal(parseFeedDate(seconds.toUTCString()), seconds.toISOString());
        assert.equal(parseFeedDate(date.toISOString()), date.toISOString());
      }),
    );
  });

  it('reads an RFC 3339 date with any offset as the same instant', () => {
    const offsets = fc.integer({ min: -14 * 60, max: 14 * 60 });
    const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, offsets, (date, offset) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        assert.equal(parseFeedDate(`${local}${zone}`), date.toISOString());
      }),
    );
  });

  it('gives up at once on a date padded to make its patterns backtrack', () => {
    assert.equal(parseFeedDate(`10 Jun 2025 10:00${' '.repeat(100_000)}x`), null);
    assert.equal(parseFeedDate(`Tue, 10 Jun 2025 09:30:00 GMT${' '.repeat(100_000)}`), '2025-06-10T09:30:00.000Z');
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const read = parseFeedDate(text);
        assert.ok(read === null || !Number.isNaN(Date.parse(read)));
      }),
    );
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
