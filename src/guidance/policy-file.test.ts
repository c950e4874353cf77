import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../platform/config/config.js';
import { changedSections, policyDocument, policyProblem } from './policy-document.js';
import { jsonErrorPlace, loadBasePolicy, parsePolicyText, PolicyFileError } from './policy-file.js';
import { defaultPolicy, parsePolicy, PolicyError } from './policy.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-policy-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function fileError(path: string): Promise<PolicyFileError> {
  try {
    await loadBasePolicy(path);
  } catch (error) {
    if (error instanceof PolicyFileError) return error;
    throw error;
  }
  assert.fail('the file was accepted');
}

describe('the policy file named by PARLEY_GUIDANCE_POLICY', () => {
  it('is an absolute path in the configuration, and unset by default', () => {
    assert.equal(loadConfig({}).guidancePolicyFile, undefined);
    assert.equal(loadConfig({ PARLEY_GUIDANCE_POLICY: '' }).guidancePolicyFile, undefined);
    assert.equal(loadConfig({ PARLEY_GUIDANCE_POLICY: 'conf/policy.json' }).guidancePolicyFile, join(process.cwd(), 'conf/policy.json'));
  });

  it('gives the default policy when no file is named', async () => {
    const base = await loadBasePolicy(undefined);
    assert.equal(base.policy, defaultPolicy);
    assert.equal(base.file, undefined);
  });

  it('reads the shipped example, keeping the text as written', async () => {
    const example = new URL('../../docs/guidance-policy.example.json', import.meta.url).pathname;
    const base = await loadBasePolicy(example);
    assert.equal(base.file, example);
    assert.equal(base.text, readFileSync(example, 'utf8'));
    assert.equal(base.policy.routing.pressOfficeRole, 'press-office');
    assert.equal(base.policy.severities.links, 'high');
  });

  it('refuses an invalid file, naming the file and every problem by its JSON path', async () => {
    const path = write('bad.json', JSON.stringify({ political: { parties: ['Green Party', 42] }, severities: { tone: 'loud' }, politcal: {}, routing: { reviewDueWorkingHours: 0 } }));
    const error = await fileError(path);
    assert.equal(error.file, path);
    assert.deepEqual([...error.problems].map((problem) => policyProblem(problem).path).sort(),
      ['political.parties[1]', 'politcal', 'routing.reviewDueWorkingHours', 'severities.tone'].sort());
    const lines = error.message.split('\n');
    assert.equal(lines[0], `Parley cannot start: the guidance policy ${path} (PARLEY_GUIDANCE_POLICY) is not valid:`);
    assert.equal(lines.length, 5);
    assert.ok(lines.slice(1).every((line) => line.startsWith('  ')));
  });

  it('says where a file stops being JSON, and when it cannot be read', async () => {
    const broken = await fileError(write('broken.json', '{\n  "routing": {\n    "defaultTrust": "trusted",\n  }\n}\n'));
    assert.equal(broken.problems.length, 1);
    assert.match(broken.problems[0] ?? '', /^the policy is not valid JSON at line 4, column 3 /);
    const missing = await fileError(join(dir, 'nowhere.json'));
    assert.deepEqual(missing.problems, ['cannot read it: there is no such file']);
  });
});

describe('policy documents', () => {
  it('writes a policy out so that it reads back the same', () => {
    assert.deepEqual(parsePolicy(JSON.parse(JSON.stringify(policyDocument(defaultPolicy)))), defaultPolicy);
    const edited = parsePolicyText('{"links": {"allowedHosts": ["example.gov.uk"]}, "severities": {"tone": "off"}}');
    assert.deepEqual(parsePolicy(JSON.parse(JSON.stringify(policyDocument(edited)))), edited);
  });

  it('names the rule ids and settings whose values differ, whatever the key order', () => {
    const a = parsePolicyText('{"severities": {"tone": "off", "welsh": "high"}, "routing": {"defaultTrust": "trusted"}}');
    const b = parsePolicyText('{"routing": {"defaultTrust": "trusted"}, "severities": {"welsh": "high", "tone": "off"}}');
    assert.deepEqual(changedSections(a, b), []);
    assert.deepEqual(changedSections(defaultPolicy, a), ['routing', 'severities']);
    const links = parsePolicyText('{"links": {"allowedHosts": ["example.gov.uk"]}}');
    assert.deepEqual(changedSections(links, defaultPolicy), ['links']);
  });

  it('splits a problem into its JSON path and message, and keeps a problem about the whole document whole', () => {
    assert.deepEqual(policyProblem('political.parties[3]: expected a string, not 42'), { path: 'political.parties[3]', message: 'expected a string, not 42' });
    assert.deepEqual(policyProblem('the policy must be a JSON object whose keys are rule ids and settings'),
      { path: '', message: 'the policy must be a JSON object whose keys are rule ids and settings' });
  });

  it('refuses text that is not a JSON object, saying so', () => {
    for (const text of ['[]', '"policy"', 'null']) {
      assert.throws(() => parsePolicyText(text), (error: unknown) => error instanceof PolicyError && /must be a JSON object/.test(error.problems.join()));
    }
    assert.equal(jsonErrorPlace('{\n"a" 1}', 'Expected \':\' after property name in JSON at position 5'), 'line 2, column 4');
    assert.equal(jsonErrorPlace('{', 'Unexpected end of JSON input'), undefined);
  });
});
