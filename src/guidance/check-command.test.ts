import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { main } from '../cli.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function policyFile(policy: unknown): string {
  const file = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return file;
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(args: string[], input: string) {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(['check', ...args], { stdin: Readable.from([Buffer.from(input)]), stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function report(stdout: string): { risk: string; route: string; findings: Record<string, unknown>[] } {
  const value: unknown = JSON.parse(stdout);
  assert.ok(value !== null && typeof value === 'object' && 'risk' in value && 'route' in value && 'findings' in value);
  const { risk, route, findings } = value;
  assert.ok(typeof risk === 'string' && typeof route === 'string' && Array.isArray(findings));
  return { risk, route, findings: findings.filter((f): f is Record<string, unknown> => f !== null && typeof f === 'object') };
}

describe('parley check', () => {
  it('prints the risk, the route and each finding with its span, as one JSON line', async () => {
    const draft = 'Thanks Jo, we have your email jo@example.com on file.\n';
    const result = await run(['--platform', 'mastodon'], draft);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.endsWith('}\n'), true);
    const printed = report(result.stdout);
    assert.equal(printed.risk, 'blocked');
    assert.equal(printed.route, 'blocked');
    const personal = printed.findings.find((f) => f.rule === 'personal-data');
    assert.ok(personal);
    assert.deepEqual(Object.keys(personal).sort(), ['end', 'message', 'principle', 'principleUrl', 'rule', 'severity', 'start', 'suggestion']);
    assert.equal(draft.slice(Number(personal.start), Number(personal.end)), 'jo@example.com');
    assert.equal(personal.severity, 'blocked');
    assert.equal(personal.principle, 'protect-personal-data');
  });

  it('routes by the trust level asked for, else the policy default', async () => {
    const draft = 'Thanks for getting in touch.';
    assert.equal(report((await run(['--platform', 'bluesky'], draft)).stdout).route, 'team-review');
    assert.equal(report((await run(['--platform', 'bluesky', '--trust', 'trusted'], draft)).stdout).route, 'publish');
    const trusting = policyFile({ routing: { defaultTrust: 'trusted' } });
    assert.equal(report((await run(['--platform', 'bluesky', '--policy', trusting], draft)).stdout).route, 'publish');
  });

  it('flags an English reply to a Welsh mention with --in-reply-to-lang cy', async () => {
    const draft = 'Thanks for getting in touch, we will look into it today.';
    const printed = report((await run(['--platform', 'mastodon', '--in-reply-to-lang', 'cy'], draft)).stdout);
    assert.deepEqual(printed.findings.map((f) => f.rule), ['welsh']);
    assert.equal(report((await run(['--platform', 'mastodon'], draft)).stdout).findings.length, 0);
  });

  it('uses the channel length given with --max-characters', async () => {
    const printed = report((await run(['--platform', 'mastodon', '--max-characters', '20'], 'Thanks for getting in touch with us.')).stdout);
    assert.equal(printed.findings.some((f) => f.rule === 'platform-limits' && f.start === 20), true);
  });

  it('exits 2 on an empty draft, an unknown platform or trust level, with a message', async () => {
    const empty = await run(['--platform', 'mastodon'], ' \n');
    assert.deepEqual([empty.code, empty.stdout], [2, '']);
    assert.match(empty.stderr, /the draft is empty/u);
    const platform = await run(['--platform', 'twitter'], 'Hello');
    assert.equal(platform.code, 2);
    assert.match(platform.stderr, /--platform must be mastodon or bluesky, not 'twitter'/u);
    assert.equal((await run([], 'Hello')).code, 2);
    assert.match((await run(['--platform', 'bluesky', '--trust', 'boss'], 'Hello')).stderr, /--trust must be one of supervised, trusted/u);
    assert.equal((await run(['--platform', 'bluesky', '--max-characters', '0'], 'Hello')).code, 2);
  });

  it('exits 2 on an invalid policy file, naming each problem and where it is', async () => {
    const file = policyFile({ links: { allowedHosts: ['gov.uk', 7] }, routing: { defaultTrust: 'boss' } });
    const result = await run(['--platform', 'mastodon', '--policy', file], 'Hello');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `parley check: ${file}: links.allowedHosts[1]: expected a string, not 7\n` +
        `parley check: ${file}: routing.defaultTrust: expected one of "supervised", "trusted"\n`,
    );
    const notJson = await run(['--platform', 'mastodon', '--policy', policyFile('{')], 'Hello');
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /is not valid JSON/u);
  });
});
