import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { csvCell } from './report-csv.js';
import { formatShare, formatWorkingTime } from './report-format.js';

describe('figures for people', () => {
  it('gives response times in working minutes under an hour, else in working hours to one decimal place', () => {
    assert.equal(formatWorkingTime(null), 'No replies yet');
    assert.equal(formatWorkingTime(0), '0 working minutes');
    assert.equal(formatWorkingTime(1 / 60), '1 working minute');
    assert.equal(formatWorkingTime(0.75), '45 working minutes');
    assert.equal(formatWorkingTime(59.6 / 60), '1 working hour');
    assert.equal(formatWorkingTime(3.5), '3.5 working hours');
    assert.equal(formatWorkingTime(1234.56), '1,234.6 working hours');
  });

  it('gives the share within the promise rounded down, with the counts', () => {
    assert.equal(formatShare({ shareWithinPromise: null, withinPromise: 0, missed: 0 }), 'None due yet');
    assert.equal(formatShare({ shareWithinPromise: 52 / 60, withinPromise: 52, missed: 8 }), '86% (52 of 60)');
    assert.equal(formatShare({ shareWithinPromise: 999 / 1000, withinPromise: 999, missed: 1 }), '99% (999 of 1,000)');
  });
});

describe('CSV cells', () => {
  it('quotes what needs quoting and disarms what a spreadsheet would run', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(2.5), '2.5');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell('Benefits, North'), '"Benefits, North"');
    assert.equal(csvCell('The "A" team'), '"The ""A"" team"');
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@team'), "'@team");
  });
});
