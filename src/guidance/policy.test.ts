import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { defaultPolicy, parsePolicy, PolicyError, readPolicyFile } from './policy.js';
import { allRules } from './rules/all-rules.js';
import type { Rule } from './rules/rule.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-policy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A rule with a list setting, like the political rule's parties, to test error paths against. */
const listRule: Rule<{ parties: string[] }> = {
  id: 'party-list',
  title: 'Political',
  principle: 'political-impartiality',
  policy: z.object({ parties: z.array(z.string()) }).strict(),
  defaults: { parties: ['Labour'] },
  check: () => [],
};
const rules: readonly Rule<unknown>[] = [...allRules, listRule];

function problemsOf(json: unknown, using: readonly Rule<unknown>[] = rules): readonly string[] {
  try {
    parsePolicy(json, using);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  assert.fail('the policy was accepted');
}

describe('guidance policy', () => {
  it('defaults every rule, with no severity changes, no pre-election period and supervised authors', () => {
    for (const rule of allRules) assert.deepEqual(defaultPolicy.rules[rule.id], rule.defaults);
    assert.deepEqual(defaultPolicy.severities, {});
    assert.deepEqual(defaultPolicy.preElectionPeriods, []);
    assert.deepEqual(defaultPolicy.routing, { defaultTrust: 'supervised', pressOfficeRole: null, reviewDueWorkingHours: 2 });
  });

  it('reads each rule section by its rule id and keeps defaults for the rest', () => {
    const policy = parsePolicy({ links: { allowedHosts: ['example.gov.uk'] }, severities: { welsh: 'high', tone: 'off' } });
    assert.deepEqual(policy.rules.links, { allowedHosts: ['example.gov.uk'], shorteners: defaultPolicyLinks().shorteners });
    assert.deepEqual(policy.rules['personal-data'], defaultPolicy.rules['personal-data']);
    assert.deepEqual(policy.severities, { welsh: 'high', tone: 'off' });
  });

  it("keeps a rule's defaults for the settings its section leaves out", () => {
    const twoLists: Rule<{ parties: string[]; politicians: string[] }> = {
      ...listRule,
      policy: z.object({ parties: z.array(z.string()), politicians: z.array(z.string()) }).strict(),
      defaults: { parties: ['Labour'], politicians: ['A Minister'] },
    };
    const policy = parsePolicy({ 'party-list': { parties: ['Reform UK'] } }, [twoLists]);
    assert.deepEqual(policy.rules['party-list'], { parties: ['Reform UK'], politicians: ['A Minister'] });
  });

  it('names the JSON path and what is wrong, for every problem at once', () => {
    assert.deepEqual(
      problemsOf({
        'party-list': { parties: ['Labour', 'Plaid Cymru', 'SNP', 42] },
        political: { parties: ['Labour', 'Plaid Cymru', 'SNP', 42] },
        'personal-data': { caseReferences: [{ name: 'UC', pattern: 'UC-(' }] },
        politcal: {},
        severities: { links: 'severe', nope: 'low' },
        preElectionPeriods: [{ name: 'Senedd', from: '2026-05-07', to: '2026-03-26' }, { name: 'x', from: '26/03/2026', to: '2026-05-07' }],
        routing: { defaultTrust: 'admin', colour: 'red' },
      }).map((problem) => problem.replace(/ \((?:rules|Invalid regular expression).*\)$/u, ' (…)')),
      [
        'politcal: not a rule id or a setting (…)',
        'personal-data.caseReferences[0].pattern: case reference "UC": not a valid regular expression (…)',
        'political.parties[3]: expected a string or an object ({…}), not 42',
        'party-list.parties[3]: expected a string, not 42',
        'severities.links: expected one of "low", "medium", "high", "blocked", "off"',
        'preElectionPeriods[0].to: "from" must be on or before "to"',
        'preElectionPeriods[1].from: must be a date written YYYY-MM-DD',
        'routing.defaultTrust: expected one of "supervised", "trusted"',
        'routing: unknown setting "colour"',
      ],
    );
  });

  it('accepts as the press office only a role that decides on reviews and does not already decide on all of them', () => {
    assert.equal(parsePolicy({ routing: { pressOfficeRole: 'press-office' } }).routing.pressOfficeRole, 'press-office');
    assert.equal(parsePolicy({ routing: { pressOfficeRole: null } }).routing.pressOfficeRole, null);
    const refused = 'routing.pressOfficeRole: must name a role that decides on reviews: "reviewer" or "press-office"; use null for none';
    for (const role of ['press office', 'Press-Office', 'officer', 'hr', 'admin', 'head-of-digital', '']) {
      assert.deepEqual(problemsOf({ routing: { pressOfficeRole: role } }), [refused], role);
    }
    assert.deepEqual(problemsOf({ routing: { pressOfficeRole: 42 } }), ['routing.pressOfficeRole: expected a string, not 42']);
  });

  it('reports a misspelt setting even where the rule\'s schema would drop it', () => {
    const loose: Rule<{ parties: string[] }> = { ...listRule, policy: z.object({ parties: z.array(z.string()) }) };
    assert.deepEqual(problemsOf({ 'party-list': { partys: ['Reform UK'] } }, [loose]), ['party-list.partys: unknown setting']);
  });

  it('says when a severity names no rule, or a section has the wrong shape', () => {
    assert.deepEqual(problemsOf({ severities: { nope: 'low' } }).map((p) => p.split(' (')[0]), ['severities.nope: no rule has this id']);
    assert.deepEqual(problemsOf({ links: ['gov.uk'] }), ['links: expected an object ({…}), not a list']);
    assert.deepEqual(problemsOf([]), ['the policy must be a JSON object whose keys are rule ids and settings']);
  });

  it('ignores "$comment" keys anywhere', () => {
    const policy = parsePolicy({ $comment: 'ours', links: { $comment: 'hosts we trust', allowedHosts: ['gov.uk'] } });
    assert.deepEqual(policy.rules.links, { ...defaultPolicyLinks(), allowedHosts: ['gov.uk'] });
  });

  it('reads a file, and reports one that is missing or not JSON', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ routing: { defaultTrust: 'trusted', pressOfficeRole: 'press-office' } }));
    assert.deepEqual((await readPolicyFile(good)).routing, { defaultTrust: 'trusted', pressOfficeRole: 'press-office', reviewDueWorkingHours: 2 });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"links": ');
    await assert.rejects(readPolicyFile(bad), (error: unknown) => error instanceof PolicyError && /bad\.json is not valid JSON/u.test(error.problems[0] ?? ''));
    await assert.rejects(readPolicyFile(join(dir, 'none.json')), (error: unknown) => error instanceof PolicyError && /^cannot read /u.test(error.problems[0] ?? ''));
  });

  it('accepts the documented example file', () => {
    const example: unknown = JSON.parse(readFileSync(new URL('../../docs/guidance-policy.example.json', import.meta.url), 'utf8'));
    const policy = parsePolicy(example);
    assert.equal(policy.preElectionPeriods.length > 0, true);
  });
});

function defaultPolicyLinks(): { allowedHosts: string[]; shorteners: string[] } {
  const section = defaultPolicy.rules.links;
  const parsed = z.object({ allowedHosts: z.array(z.string()), shorteners: z.array(z.string()) }).parse(section);
  return parsed;
}
