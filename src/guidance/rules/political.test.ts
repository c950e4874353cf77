import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseDraft } from './draft.js';
import { politicalRule } from './political.js';
import type { DraftContext, Finding } from './rule.js';

const outsidePeriod: DraftContext = { platform: 'mastodon', now: new Date('2026-03-01T12:00:00Z') };

function findings(text: string, context = outsidePeriod, policy = politicalRule.defaults): Finding[] {
  return politicalRule.check(analyseDraft(text), context, policy);
}

/** The flagged pieces of text. */
function flagged(text: string, context = outsidePeriod, policy = politicalRule.defaults): string[] {
  return findings(text, context, policy).map((finding) => text.slice(finding.start, finding.end));
}

const during: DraftContext = {
  ...outsidePeriod,
  now: new Date('2026-04-10T09:00:00Z'),
  preElectionPeriod: { name: 'the Senedd election', from: '2026-03-26', to: '2026-05-07' },
};

describe('politicalRule', () => {
  it('flags party names across the UK as high', () => {
    assert.deepEqual(flagged('The Conservatives and Labour both asked about this.'), ['Conservatives', 'Labour']);
    assert.deepEqual(flagged("That was the Tory plan, and Labour's too."), ['Tory', "Labour's"]);
    assert.deepEqual(flagged('The Lib Dems, the Green Party and Reform UK have all written to us.'), [
      'Lib Dems',
      'Green Party',
      'Reform UK',
    ]);
    assert.deepEqual(flagged('The SNP, Plaid Cymru and Sinn Féin each raised it.'), ['SNP', 'Plaid Cymru', 'Sinn Féin']);
    assert.deepEqual(flagged('The DUP, SDLP, UUP, TUV and the Alliance Party met today.'), [
      'DUP',
      'SDLP',
      'UUP',
      'TUV',
      'Alliance Party',
    ]);
    assert.deepEqual(flagged('Unlike the Liberal Democrats and the Greens, Alba said no.'), [
      'Liberal Democrats',
      'Greens',
      'Alba',
    ]);
    assert.ok(findings('Labour wants this.').every((finding) => finding.severity === 'high'));
  });

  it('does not take ordinary words for parties', () => {
    const lookAlikes = [
      'Labour market statistics are published every month.',
      'labour costs have gone up for the contractor.',
      'There is a Labour shortage in care, say employers.',
      'A conservative estimate is 200 homes.',
      'Conservative estimates put the cost at £2m.',
      'We are improving green spaces and the green bin service.',
      'Put it in your green bin on Tuesday.',
      'We work in alliance with local charities.',
      'The reform of the benefit system is set out on GOV.UK.',
      'We take a liberal view of late evidence.',
      'The democratic process for the parish council is on our website.',
      'Watch the programme on BBC Alba tonight.',
      'Eat your greens, say the school nurses.',
    ];
    for (const text of lookAlikes) assert.deepEqual(flagged(text), [], text);
  });

  it('flags named politicians from the list', () => {
    assert.deepEqual(flagged('Keir Starmer visited the centre.'), ['Keir Starmer']);
    assert.deepEqual(flagged('We saw what Farage said.'), ['Farage']);
    assert.deepEqual(flagged("Michelle O’Neill opened the office."), ['Michelle O’Neill']);
    const policy = { ...politicalRule.defaults, politicians: ['Jane Example'] };
    assert.deepEqual(flagged('Jane Example asked us too. Keir Starmer did not.', outsidePeriod, policy), ['Jane Example']);
  });

  it('flags campaign language', () => {
    assert.deepEqual(flagged('Remember to vote for change!'), ['vote for']);
    assert.deepEqual(flagged('Read the manifesto and re-elect your MP.'), ['manifesto', 're-elect']);
    assert.deepEqual(flagged('That was an election pledge made before polling day.'), ['election pledge', 'polling day']);
  });

  it('does not take a public vote on parks for campaigning', () => {
    assert.deepEqual(flagged('Vote for your favourite park in this year’s awards.'), []);
  });

  it('says what the problem is in words addressed to the author', () => {
    const [finding] = findings('The Tories asked this.');
    assert.ok(finding);
    assert.equal(finding.rule, 'political');
    assert.equal(finding.principle, 'political-impartiality');
    assert.match(finding.message, /'Tories'/u);
    assert.ok(finding.suggestion);
  });

  it('flags ministers and announcements only in a pre-election period', () => {
    const text = 'The minister says the government announced a policy change today.';
    assert.deepEqual(flagged(text), []);
    assert.deepEqual(flagged(text, during), ['minister', 'government announced', 'policy change']);
    for (const finding of findings(text, during)) {
      assert.equal(finding.severity, 'high');
      assert.match(finding.message, /pre-election period for the Senedd election/u);
    }
  });

  it('mentions the pre-election period on party findings during it', () => {
    const [finding] = findings('Plaid Cymru asked us.', during);
    assert.ok(finding);
    assert.match(finding.message, /pre-election period/u);
  });

  it('does not flag ordinary service news in a pre-election period', () => {
    assert.deepEqual(flagged('The library reopens on Monday and bins are collected as normal.', during), []);
  });

  it('accepts its defaults and rejects a malformed section', () => {
    assert.equal(politicalRule.policy.safeParse(politicalRule.defaults).success, true);
    assert.equal(politicalRule.policy.safeParse({ ...politicalRule.defaults, parties: [''] }).success, false);
    assert.equal(politicalRule.policy.safeParse({ ...politicalRule.defaults, campaigning: undefined }).success, false);
  });

  it('gives spans that lie in the text and cover what the message quotes', () => {
    const piece = fc.constantFrom('Labour', 'Labour market', 'the Tories', 'green bin', 'SNP', 'vote for', 'we can help', ' ', '\n', '. ', 'https://labour.example.com/x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join(' ');
        for (const finding of findings(text)) {
          assert.ok(finding.start >= 0 && finding.start < finding.end && finding.end <= text.length);
          assert.ok(finding.message.includes(`'${text.slice(finding.start, finding.end)}'`));
        }
      }),
    );
  });
});
