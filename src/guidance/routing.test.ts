import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultPolicy, type GuidancePolicy } from './policy.js';
import { routeFor, type Route } from './routing.js';
import { riskOrder, type Finding, type Risk } from './rules/rule.js';
import { trustLevels, type TrustLevel } from './trust.js';

const now = new Date('2026-04-20T09:00:00Z');
const reviewedInPeriod: Risk[] = ['none', 'low', 'medium'];
const inPeriod: GuidancePolicy = { ...defaultPolicy, preElectionPeriods: [{ name: 'Senedd election 2026', from: '2026-03-26', to: '2026-05-07' }] };
const withPressOffice: GuidancePolicy = { ...defaultPolicy, routing: { ...defaultPolicy.routing, pressOfficeRole: 'press-office' } };

function finding(rule: string, severity: Finding['severity']): Finding {
  return { rule, severity, message: 'm', principle: 'political-impartiality', start: 0, end: 1 };
}

function route(risk: Risk, trust: TrustLevel, policy: GuidancePolicy = defaultPolicy, essential = false, findings: Finding[] = []) {
  return routeFor({ risk, findings, trust, context: { now, essentialServiceInformation: essential }, policy });
}

describe('routing', () => {
  it('follows the risk × trust table outside a pre-election period', () => {
    const table: Record<Risk, Record<TrustLevel, Route>> = {
      none: { supervised: 'team-review', trusted: 'publish' },
      low: { supervised: 'team-review', trusted: 'publish' },
      medium: { supervised: 'team-review', trusted: 'team-review' },
      high: { supervised: 'head-of-digital', trusted: 'head-of-digital' },
      blocked: { supervised: 'blocked', trusted: 'blocked' },
    };
    for (const risk of riskOrder) {
      for (const trust of trustLevels) {
        const decision = route(risk, trust);
        assert.equal(decision.route, table[risk][trust], `${risk} × ${trust}`);
        assert.equal(decision.alsoPressOffice, false);
        assert.notEqual(decision.reason, '');
      }
    }
  });

  it('sends every post to review in a pre-election period, whatever the trust, naming the period', () => {
    for (const trust of trustLevels) {
      for (const risk of reviewedInPeriod) {
        const decision = route(risk, trust, inPeriod);
        assert.equal(decision.route, 'team-review', `${risk} × ${trust}`);
        assert.match(decision.reason, /Senedd election 2026/u);
      }
      assert.equal(route('high', trust, inPeriod).route, 'head-of-digital');
      assert.equal(route('blocked', trust, inPeriod).route, 'blocked');
    }
  });

  it('lets essential service information follow the usual table in a pre-election period', () => {
    assert.equal(route('none', 'trusted', inPeriod, true).route, 'publish');
    assert.equal(route('low', 'trusted', inPeriod, true).route, 'publish');
    assert.equal(route('medium', 'trusted', inPeriod, true).route, 'team-review');
  });

  it('never publishes a medium-risk draft without a reviewer from the owning team, whatever the trust level', () => {
    for (const trust of trustLevels) {
      for (const essential of [false, true]) assert.equal(route('medium', trust, defaultPolicy, essential).route, 'team-review', trust);
    }
  });

  it('counts the period in whole UK days, both ends included', () => {
    const policy = { ...defaultPolicy, preElectionPeriods: [{ name: 'Local elections', from: '2026-04-01', to: '2026-04-30' }] };
    const at = (iso: string) => routeFor({ risk: 'none', findings: [], trust: 'trusted', context: { now: new Date(iso) }, policy }).route;
    assert.equal(at('2026-03-31T22:59:59Z'), 'publish');
    assert.equal(at('2026-03-31T23:00:00Z'), 'team-review'); // midnight in London (BST)
    assert.equal(at('2026-04-30T22:59:59Z'), 'team-review');
    assert.equal(at('2026-04-30T23:00:00Z'), 'publish');
  });

  it('copies the press office in on high-risk political drafts only when the policy names the role', () => {
    const political = [finding('political', 'high'), finding('links', 'medium')];
    assert.equal(route('high', 'trusted', withPressOffice, false, political).alsoPressOffice, true);
    assert.equal(route('high', 'trusted', defaultPolicy, false, political).alsoPressOffice, false);
    assert.equal(route('high', 'trusted', withPressOffice, false, [finding('tone', 'high')]).alsoPressOffice, false);
    assert.equal(route('blocked', 'trusted', withPressOffice, false, [...political, finding('personal-data', 'blocked')]).alsoPressOffice, false);
  });
});
