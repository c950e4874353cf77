import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { checkDraft, compareFindings, riskOf } from './check.js';
import { defaultPolicy, parsePolicy } from './policy.js';
import type { DraftContext, Finding, Rule } from './rules/rule.js';

const context: DraftContext = { platform: 'mastodon', now: new Date('2026-04-20T09:00:00Z') };

describe('checkDraft', () => {
  it('finds nothing in an ordinary reply: risk none', () => {
    assert.deepEqual(checkDraft('Thanks for getting in touch. You can check your payment dates at gov.uk/universal-credit.', context), {
      risk: 'none',
      findings: [],
    });
  });

  it('runs every rule once, in text order, with the worst severity as the risk', () => {
    const text = 'See https://example.com/help or email jo@example.com. OFFICIAL-SENSITIVE';
    const result = checkDraft(text, context);
    assert.equal(result.risk, 'blocked');
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity, text.slice(f.start, f.end)]),
      [
        ['links', 'medium', 'https://example.com/help'],
        ['personal-data', 'blocked', 'jo@example.com'],
        ['protective-marking', 'blocked', 'OFFICIAL-SENSITIVE'],
      ],
    );
  });

  it('puts the most severe finding first where two start together', () => {
    const findings: Finding[] = [
      { rule: 'a', severity: 'low', message: '', principle: 'accessibility', start: 4, end: 9 },
      { rule: 'b', severity: 'blocked', message: '', principle: 'accessibility', start: 4, end: 6 },
      { rule: 'c', severity: 'medium', message: '', principle: 'accessibility', start: 0, end: 2 },
    ];
    assert.deepEqual([...findings].sort(compareFindings).map((f) => f.rule), ['c', 'b', 'a']);
    assert.equal(riskOf(findings), 'blocked');
    assert.equal(riskOf([]), 'none');
  });

  it("applies the policy's severity changes and turns rules off", () => {
    const text = 'More at bit.ly/abc';
    assert.equal(checkDraft(text, context).risk, 'medium');
    assert.equal(checkDraft(text, context, parsePolicy({ severities: { links: 'high' } })).findings[0]?.severity, 'high');
    assert.deepEqual(checkDraft(text, context, parsePolicy({ severities: { links: 'off' } })), { risk: 'none', findings: [] });
  });

  it("uses each rule's policy section", () => {
    const policy = parsePolicy({ 'personal-data': { caseReferences: [{ name: 'Claim', pattern: String.raw`UC-\d{6}` }] } });
    assert.equal(checkDraft('About claim UC-123456', context, policy).risk, 'blocked');
    assert.equal(checkDraft('About claim UC-123456', context, defaultPolicy).risk, 'none');
  });

  it('tells the rules which pre-election period, if any, the draft falls in', () => {
    const seen: (string | undefined)[] = [];
    const spy: Rule<unknown> = {
      id: 'spy', title: 'Spy', principle: 'political-impartiality', policy: z.unknown(), defaults: {},
      check(_draft, given) {
        seen.push(given.preElectionPeriod?.name);
        return [];
      },
    };
    const policy = parsePolicy({ preElectionPeriods: [{ name: 'Senedd election 2026', from: '2026-03-26', to: '2026-05-07' }] }, [spy]);
    checkDraft('Hello', context, policy, [spy]);
    checkDraft('Hello', { ...context, now: new Date('2026-05-08T09:00:00Z') }, policy, [spy]);
    assert.deepEqual(seen, ['Senedd election 2026', undefined]);
  });
});
