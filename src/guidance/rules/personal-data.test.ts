import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseDraft } from './draft.js';
import { personalDataPolicy, personalDataRule, type PersonalDataPolicy } from './personal-data.js';
import type { DraftContext } from './rule.js';

const context: DraftContext = { platform: 'mastodon', now: new Date('2025-06-02T10:00:00Z') };

function found(text: string, policy: PersonalDataPolicy = personalDataRule.defaults): string[] {
  return personalDataRule.check(analyseDraft(text), context, policy).map((finding) => text.slice(finding.start, finding.end));
}

const withReferences = personalDataPolicy.parse({
  caseReferences: [{ name: 'Universal Credit', pattern: String.raw`UC-\d{6}` }, { name: 'Complaint', pattern: String.raw`CMP\d{5}` }],
  publishedContacts: ['0345 600 0723', 'Enquiries@Example.gov.uk'],
});

describe('personal data rule', () => {
  it('blocks each kind of personal data, with the span and a move to a private channel', () => {
    const text = 'Hi Sam, we have jo.bloggs@example.com, 07700 900123 and QQ123456C? You live at SW1A 1AA.';
    const findings = personalDataRule.check(analyseDraft(text), context, personalDataRule.defaults);
    assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['jo.bloggs@example.com', '07700 900123', 'SW1A 1AA']);
    for (const finding of findings) {
      assert.equal(finding.severity, 'blocked');
      assert.equal(finding.principle, 'protect-personal-data');
      assert.match(finding.suggestion ?? '', /direct message/u);
    }
    assert.match(findings[1]?.message ?? '', /phone number/u);
  });

  it('finds valid National Insurance numbers, not ones with prefixes never issued', () => {
    assert.deepEqual(found('Your NI number AB 12 34 56 C is on file'), ['AB 12 34 56 C']);
    assert.deepEqual(found('Reference QQ123456C or GB123456A or DA123456A'), []);
  });

  it('finds landlines, mobiles and +44 numbers', () => {
    assert.deepEqual(found('Call 029 2034 5678, +44 7700 900123 or (01632) 960001'), ['029 2034 5678', '+44 7700 900123', '(01632) 960001']);
  });

  it('finds dates of birth after a word that says so', () => {
    assert.deepEqual(found('Thanks Jo, born 12/03/1985 and living in Leeds'), ['born 12/03/1985']);
    assert.deepEqual(found('We have your DOB 12 March 1985 on record'), ['DOB 12 March 1985']);
    assert.deepEqual(found('Date of birth: 3rd April 1990.'), ['Date of birth: 3rd April 1990']);
    assert.deepEqual(found('D.O.B. March 12, 1985'), ['D.O.B. March 12, 1985']);
  });

  it('finds a full date of birth a few words after the words that say so', () => {
    assert.deepEqual(found('Your date of birth shows as 14/03/1986 on our system.'), ['date of birth shows as 14/03/1986']);
    assert.deepEqual(found('the record has your DOB as 03.07.1979.'), ['DOB as 03.07.1979']);
    assert.deepEqual(found('The date of birth we hold for you is 1 April 1965.'), ['date of birth we hold for you is 1 April 1965']);
  });

  it('does not take a deadline after "date of birth" for one', () => {
    assert.deepEqual(found('Send proof of your date of birth by 1 May 2026, or before 12/06/2026.'), []);
    assert.deepEqual(found('Check your date of birth and address before 3 June 2026.'), []);
  });

  it('does not take a plain date for a date of birth', () => {
    assert.deepEqual(found('We will reply by 12 March, and the form closed on 12/03/2025.'), []);
    assert.deepEqual(found('Payments born out of the 2019 scheme are made on 1 April'), []);
  });

  it("finds the organisation's case references, as whole words in any case", () => {
    assert.deepEqual(found('Your claim uc-123456 and complaint CMP12345 are open', withReferences), ['uc-123456', 'CMP12345']);
    assert.deepEqual(found('Claim UC-1234567 and XUC-123456 and CMP1234', withReferences), []);
  });

  it('allows the phone numbers and addresses the organisation publishes, however they are written', () => {
    assert.deepEqual(found('Call us on 0345 600 0723 or +44 345 600 0723, or email enquiries@example.gov.uk', withReferences), []);
    assert.deepEqual(found('Call 0345 600 0724 or email someone@example.gov.uk', withReferences), ['0345 600 0724', 'someone@example.gov.uk']);
  });

  it('leaves look-alikes alone: handles, prices, years, outward codes, freephone numbers, links', () => {
    assert.deepEqual(
      found('Thanks @sam@mastodon.social! It costs £120 a year since 2021 in CF10. Call free on 0800 328 5644: gov.uk/universal-credit'),
      [],
    );
  });

  it('rejects a case reference pattern that does not compile or matches nothing, naming it', () => {
    const bad = personalDataPolicy.safeParse({ caseReferences: [{ name: 'Ok', pattern: 'A\\d+' }, { name: 'Broken', pattern: 'UC-(\\d{6}' }] });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error.issues.map((issue) => issue.path), [['caseReferences', 1, 'pattern']]);
    assert.match(bad.error.issues[0]?.message ?? '', /^case reference "Broken": not a valid regular expression/u);
    const empty = personalDataPolicy.safeParse({ caseReferences: [{ name: 'Any', pattern: '\\d*' }] });
    assert.equal(empty.success, false);
    assert.match(empty.error.issues[0]?.message ?? '', /matches empty text/u);
  });
});
