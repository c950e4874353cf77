import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseDraft } from './draft.js';
import type { DraftContext, Finding } from './rule.js';
import { toneRule } from './tone.js';

const context: DraftContext = { platform: 'mastodon', now: new Date('2026-03-01T12:00:00Z') };

function findings(text: string, policy = toneRule.defaults): Finding[] {
  return toneRule.check(analyseDraft(text), context, policy);
}

function flagged(text: string): [string, string][] {
  return findings(text).map((finding) => [text.slice(finding.start, finding.end), finding.severity]);
}

describe('toneRule', () => {
  it('flags shouting in runs of capitals as medium, with the text in normal capitals', () => {
    const text = 'WE HAVE ALREADY ANSWERED THIS. See the link.';
    const [finding] = findings(text);
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), 'WE HAVE ALREADY ANSWERED THIS');
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.suggestion, 'We have already answered this');
  });

  it('does not take acronyms for shouting', () => {
    const lookAlikes = [
      'Contact the NHS, DWP or HMRC about PIP and UC.',
      'Check GOV.UK for the PAYE and VAT rates.',
      'Your EHCP review is with the SEND team.',
      'The DVLA and HMCTS are separate.',
      'Call 111 or go to A&E.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags one or two everyday words in capitals as low', () => {
    assert.deepEqual(flagged('Please do NOT share your password.'), [['NOT', 'low']]);
  });

  it('flags stacked exclamation marks and ?! as low', () => {
    assert.deepEqual(flagged('The library has reopened!!'), [['!!', 'low']]);
    assert.deepEqual(flagged('Have you checked your journal?!'), [['?!', 'low']]);
    assert.deepEqual(flagged('The library has reopened!'), []);
  });

  it('raises mild signals to medium when there are several', () => {
    assert.deepEqual(flagged('Please do NOT do that!! Obviously.'), [
      ['NOT', 'medium'],
      ['!!', 'medium'],
      ['Obviously', 'medium'],
    ]);
  });

  it('flags sarcasm and dismissive words as medium', () => {
    assert.deepEqual(flagged("As we've already said, the form is online."), [["As we've already said", 'medium']]);
    assert.deepEqual(flagged('Yeah right, we will get on it /s'), [['Yeah right', 'medium'], ['/s', 'medium']]);
    assert.deepEqual(flagged('Stop moaning about the bins.'), [['Stop moaning', 'medium']]);
    assert.deepEqual(flagged('People keep moaning about the bins.'), [['moaning', 'medium']]);
    assert.deepEqual(flagged('Sure, whatever.'), [['Sure, whatever', 'medium']]);
  });

  it('flags scare quotes as low', () => {
    assert.deepEqual(flagged('We have read your "urgent" request.'), [['"urgent"', 'low']]);
  });

  it('flags a sentence to the reader that reads strongly negative', () => {
    const text = 'You lied to us and you are a liar. Call us on Monday.';
    const result = findings(text);
    const [finding] = result;
    assert.ok(finding && result.length === 1);
    assert.equal(finding.severity, 'medium');
    assert.equal(text.slice(finding.start, finding.end), 'You lied to us and you are a liar.');
  });

  it('does not flag a calm sentence that one gloomy word makes score negative', () => {
    const lookAlikes = [
      'You can ask for a tax refund if you paid too much on your pension.',
      'Your old number, 0131 496 0311, has been taken off.',
      'The bereavement team can talk things through with you in private.',
      'Many let you buy plain items from any shop.',
      'You can report a problem with a council home online.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags words of contempt as medium, about the reader or anyone else', () => {
    assert.deepEqual(flagged("It's getting tiresome."), [['tiresome', 'medium']]);
    assert.deepEqual(flagged('Dumping rubbish is disgusting and selfish.'), [['disgusting', 'medium'], ['selfish', 'medium']]);
    assert.deepEqual(flagged('Some of the comments here are appalling.'), [['appalling', 'medium']]);
    assert.deepEqual(flagged('What a useless question.'), [['useless', 'medium']]);
  });

  it('does not take sympathy for contempt, or rubbish for an insult', () => {
    const lookAlikes = [
      "Sorry, that sounds terrible. We'll look into it.",
      'We are sorry the app was useless this morning.',
      'Your rubbish is collected every other Tuesday.',
      'Please do not leave rubbish next to the bins.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags sarcastic openers and ironic praise as medium', () => {
    assert.deepEqual(flagged('Oh brilliant, the website is down again. What a surprise.'), [
      ['Oh brilliant', 'medium'],
      ['What a surprise', 'medium'],
    ]);
    assert.deepEqual(flagged('Well done… you found the form at last.'), [['Well done', 'medium']]);
    assert.deepEqual(flagged('Well done, genius.'), [['Well done', 'medium']]);
    assert.deepEqual(flagged('Well done to everyone who ran the 10k for the hospice.'), []);
    assert.deepEqual(flagged('A brilliant surprise for the children at the library today.'), []);
  });

  it('flags telling the reader off as medium', () => {
    assert.deepEqual(flagged("Clearly you didn't bother to check the calendar."), [["Clearly you didn't", 'medium']]);
    assert.deepEqual(flagged('Stop spamming our page with the same rubbish.'), [
      ['Stop spamming', 'medium'],
      ['the same rubbish', 'medium'],
    ]);
    assert.deepEqual(flagged('Look it up yourself.'), [['Look it up yourself', 'medium']]);
    assert.deepEqual(flagged('Our Stop Smoking service can help you quit.'), []);
    assert.deepEqual(flagged('Clearly mark your bin with your house number.'), []);
  });

  it('does not flag apologies, bad news as information, or the citizen quoted', () => {
    const lookAlikes = [
      'We are really sorry, this is not good enough and we understand your frustration.',
      'The road is closed due to flooding and a serious accident.',
      'Fraud is a crime and we will prosecute.',
      'You told us it was "a terrible, awful, disgraceful service" and we have passed that on.',
      'You said "THIS IS A JOKE" and we have passed your comments on.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('does not take a slash in a link for /s', () => {
    assert.deepEqual(flagged('See https://example.gov.uk/s and reply.'), []);
  });

  it('gives spans that lie in the text and cover what the message quotes', () => {
    const piece = fc.constantFrom('WE', 'ARE', 'NOT', 'NHS', 'you', 'pathetic', '!!', '?!', 'obviously', '"urgent"', 'your', ' ', '.', '\n', 'sorry', 'terrible');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join(' ');
        for (const finding of findings(text)) {
          assert.ok(finding.start >= 0 && finding.start < finding.end && finding.end <= text.length);
          const quoted = text.slice(finding.start, finding.end);
          assert.ok(finding.message.includes(quoted) || finding.message.startsWith('This sentence'), finding.message);
        }
      }),
    );
  });
});
