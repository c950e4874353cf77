import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseDraft } from './draft.js';
import { hostIsUnder, linksPolicy, linksRule } from './links.js';
import type { DraftContext } from './rule.js';

const context: DraftContext = { platform: 'mastodon', now: new Date('2025-06-02T10:00:00Z') };

function found(text: string, policy = linksRule.defaults): string[] {
  return linksRule.check(analyseDraft(text), context, policy).map((finding) => `${text.slice(finding.start, finding.end)} ${finding.severity}`);
}

describe('links rule', () => {
  it('flags a site off the allow-list as medium, with the host named', () => {
    const text = 'See https://www.example.com/help for more';
    const finding = linksRule.check(analyseDraft(text), context, linksRule.defaults)[0];
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), 'https://www.example.com/help');
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.principle, 'trusted-links');
    assert.match(finding.message, /^www\.example\.com is not on our list/u);
  });

  it('allows the listed sites and their subdomains', () => {
    assert.deepEqual(found('gov.uk/pip, https://www.nhs.uk/conditions, https://nidirect.gov.uk, llyw.cymru/budd-daliadau, https://www.gov.scot'), []);
  });

  it('does not take a look-alike host for an allowed one', () => {
    assert.deepEqual(found('https://gov.uk.example.com/claim and https://fakegov.uk/x'), [
      'https://gov.uk.example.com/claim medium',
      'https://fakegov.uk/x medium',
    ]);
  });

  it('flags shorteners with their own message', () => {
    const text = 'Details: bit.ly/3abc and https://t.co/xyz';
    const findings = linksRule.check(analyseDraft(text), context, linksRule.defaults);
    assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['bit.ly/3abc', 'https://t.co/xyz']);
    for (const finding of findings) {
      assert.match(finding.message, /link shortener/u);
      assert.equal(finding.suggestion, 'Use the full address of the page.');
    }
  });

  it('takes the lists from the policy, in any case', () => {
    const policy = linksPolicy.parse({ allowedHosts: ['Example.org'], shorteners: [] });
    assert.deepEqual(found('https://docs.example.org/a and bit.ly/x and gov.uk', policy), ['bit.ly/x medium', 'gov.uk medium']);
  });

  it('rejects an entry that is not a host name', () => {
    const result = linksPolicy.safeParse({ allowedHosts: ['gov.uk', 'https://nhs.uk/'] });
    assert.deepEqual(result.error?.issues.map((issue) => issue.path), [['allowedHosts', 1]]);
  });

  it('does not take the domain of an email address or a handle for a link', () => {
    assert.deepEqual(found('Email jo@example.com or ask @help@mastodon.example.co.uk'), []);
  });

  it('matches whole labels only', () => {
    const allowed = new Set(['gov.uk']);
    assert.equal(hostIsUnder('www.gov.uk', allowed), true);
    assert.equal(hostIsUnder('gov.uk.', allowed), true);
    assert.equal(hostIsUnder('notgov.uk', allowed), false);
  });
});
