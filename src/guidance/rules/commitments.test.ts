import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { commitmentsRule } from './commitments.js';
import { analyseDraft } from './draft.js';
import type { DraftContext, Finding } from './rule.js';

const context: DraftContext = { platform: 'bluesky', now: new Date('2026-03-01T12:00:00Z') };

function findings(text: string, policy = commitmentsRule.defaults): Finding[] {
  return commitmentsRule.check(analyseDraft(text), context, policy);
}

function flagged(text: string, policy = commitmentsRule.defaults): string[] {
  return findings(text, policy).map((finding) => text.slice(finding.start, finding.end));
}

describe('commitmentsRule', () => {
  it('flags promises of an outcome as medium', () => {
    assert.deepEqual(flagged('We will refund the fee.'), ['We will refund']);
    assert.deepEqual(flagged("Don't worry, we'll make sure it is sorted."), ["we'll make sure"]);
    assert.deepEqual(flagged('I’ll definitely fix this for you'), ['I’ll definitely fix']);
    assert.deepEqual(flagged('We will look into this and replace the bin.'), ['We will look into this and replace']);
    assert.deepEqual(flagged('You will be refunded in full.'), ['You will be refunded']);
    assert.ok(findings('We will refund you.').every((finding) => finding.severity === 'medium'));
  });

  it('flags promise words and guarantees', () => {
    assert.deepEqual(flagged('We promise this will not happen again.'), ['We promise']);
    assert.deepEqual(flagged('We guarantee a reply.'), ['guarantee']);
    assert.deepEqual(flagged('It will definitely be there. Rest assured.'), ['definitely', 'Rest assured']);
  });

  it('does not take a promise to act, or Guarantee Credit, for a promise of an outcome', () => {
    const lookAlikes = [
      'We will look into this for you.',
      "We'll pass this on to the team.",
      'I will check with the benefits team and get back to you.',
      'Make sure you have your National Insurance number to hand.',
      'You may be able to get Guarantee Credit as part of Pension Credit.',
      'Pension Credit guarantee credit tops up your weekly income.',
      "We can't guarantee a date, and we cannot promise you a refund.",
      'There is no guarantee that the claim will succeed.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags deadlines we promise', () => {
    assert.deepEqual(flagged('We will reply by Friday.'), ['by Friday']);
    assert.deepEqual(flagged('You should hear within 5 working days.'), ['within 5 working days']);
    assert.deepEqual(flagged('It will be done by the end of the month'), ['by the end of the month']);
    assert.deepEqual(flagged('We aim to reply in the next 48 hours.'), ['in the next 48 hours']);
    assert.deepEqual(flagged("We'll call you tomorrow."), ['tomorrow']);
    assert.deepEqual(flagged('Someone will be in touch later today.'), ['later today']);
  });

  it('flags a deadline for something that will be done, whoever does it', () => {
    assert.deepEqual(flagged('The ramp will be fixed by the end of March.'), ['by the end of March']);
    assert.deepEqual(flagged('The pothole will be filled within 48 hours.'), ['within 48 hours']);
    assert.deepEqual(flagged('The repair team will be with you by Wednesday.'), ['by Wednesday']);
    assert.deepEqual(flagged("It'll reopen by the summer."), ['by the summer']);
    assert.deepEqual(flagged('Your new passport will arrive by early September.'), ['by early September']);
  });

  it('does not take a deadline the reader must meet, or a plain fact about time, for a promise', () => {
    const lookAlikes = [
      'Put your bin out by 7am on the day.',
      'It works before 9:30am on weekdays.',
      'You need to register the birth within 42 days.',
      'You will need to apply by 31 January.',
      "You'll have to send it before Friday.",
      'Most people get their new passport within three weeks.',
      'Will you be at home by Friday?',
      'The will-writing session is free if you book by Friday.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('does not take opening hours or days for deadlines', () => {
    const lookAlikes = [
      'Our offices are closed on Friday.',
      'The library is closed tomorrow for staff training.',
      'The office will be closed tomorrow.',
      'Is it sunny tomorrow?',
      'Collections happen on Fridays.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags amounts of money we promise, or the reader gets back from us', () => {
    assert.deepEqual(flagged('We will pay the full £1,240 on Monday.'), ['We will pay', '£1,240']);
    assert.deepEqual(flagged('You will get £250 back.'), ['£250']);
    assert.deepEqual(flagged('Your refund of £35.50 is on its way.'), ['£35.50']);
    assert.deepEqual(flagged('I have checked and you are owed 40 pounds.'), ['40 pounds']);
    assert.deepEqual(flagged('£90 will be paid into your account.'), ['£90']);
    assert.deepEqual(flagged('You can claim compensation.'), ['compensation']);
  });

  it('does not take a fee, a penalty, an allowance or a fact about money for a commitment', () => {
    const lookAlikes = [
      'The fee is £50.',
      'A new driving licence costs £14 online.',
      'If you miss it, there is a penalty of £100.',
      'The Personal Allowance has stayed at £12,570.',
      'The sale raised £240 for the food bank.',
      'Tax-Free Childcare can pay up to £2,000 a year for each child.',
      'You can get a copy online for £7, or 20p a page.',
      'The scheme has £1.2m left.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('does not take a pound sign in a link, or a time, for money', () => {
    assert.deepEqual(flagged('See https://www.gov.uk/pay/£50-fee for details.'), []);
    assert.deepEqual(flagged('Call between 2 p.m. and 4pm.'), []);
  });

  it('reports a nested match once, under the longer promise', () => {
    const result = findings('We will definitely refund you.');
    assert.equal(result.length, 1);
    assert.match(result[0]?.message ?? '', /promises an outcome/u);
  });

  it('uses the outcomes and promise words of the policy', () => {
    const policy = { ...commitmentsRule.defaults, outcomes: ['rehome'], promises: ['cross my heart'] };
    assert.deepEqual(flagged('We will rehome the cat, cross my heart. We will refund you.', policy), [
      'We will rehome',
      'cross my heart',
    ]);
  });

  it('tells the author who must see it and offers a fix', () => {
    const [finding] = findings('We will refund the fee.');
    assert.ok(finding);
    assert.equal(finding.rule, 'commitments');
    assert.equal(finding.principle, 'honesty-and-commitments');
    assert.match(finding.message, /someone who can commit/u);
    assert.ok(finding.suggestion);
  });

  it('gives spans that lie in the text and cover what the message quotes', () => {
    const piece = fc.constantFrom('we will refund', 'by Friday', '£50', 'https://x.gov.uk/£5', 'tomorrow', 'We', "we'll", 'closed', '.', ' ', '\n', 'guarantee', 'credit');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join(' ');
        for (const finding of findings(text)) {
          assert.ok(finding.start >= 0 && finding.start < finding.end && finding.end <= text.length);
          assert.ok(finding.message.includes(`'${text.slice(finding.start, finding.end)}'`));
        }
      }),
    );
  });
});
