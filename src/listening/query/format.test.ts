import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatQuery } from './format.js';
import { parseQuery } from './parse.js';

function canonical(text: string): string {
  const result = parseQuery(text);
  assert.ok(result.ok, text);
  return formatQuery(result.query);
}

describe('formatQuery', () => {
  it('prints folded words, explicit AND and NOT, and brackets only where they change the meaning', () => {
    assert.equal(canonical('"Universal Credit"  (Payment OR late) -scam'), '"universal credit" AND (payment OR late) AND NOT scam');
    assert.equal(canonical('a b OR c'), '(a AND b) OR c');
    assert.equal(canonical('((a OR b)) OR c'), 'a OR b OR c');
    assert.equal(canonical('-(a OR b) c'), 'NOT (a OR b) AND c');
  });

  it('prints NEAR with its distance and its sides', () => {
    assert.equal(canonical('(pay OR Payment*) NEAR/03 ("too late")'), '(pay OR payment*) NEAR/3 "too late"');
    assert.equal(canonical('bin ONEAR/1 day'), 'bin ONEAR/1 day');
  });

  it('prints fields in one spelling', () => {
    assert.equal(canonical('hashtag:NHS mention:@DWP Author:x LANG:cy-GB site:WWW.Gov.UK source:RSS'), '#nhs AND @dwp AND author:x AND lang:cy AND site:www.gov.uk AND source:rss');
  });

  it('prints Welsh words without their accents', () => {
    assert.equal(canonical('"Gŵyl Cáerdydd"'), '"gwyl caerdydd"');
  });
});
