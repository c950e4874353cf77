import { z } from 'zod';
import { compiledPerPolicy } from './memo.js';
import type { Finding, Rule } from './rule.js';

const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/u, 'must be a host name such as gov.uk (no https://, no path)');

/** The links rule's section of the policy file. */
export const linksPolicy = z
  .object({
    /** Sites a post may link to; each allows its subdomains too (gov.uk allows www.gov.uk and nidirect.gov.uk). */
    allowedHosts: z
      .array(host)
      .default([
        'gov.uk', 'nhs.uk', 'nhs.wales', 'gov.wales', 'llyw.cymru', 'gov.scot', 'mygov.scot', 'nidirect.gov.uk', 'police.uk',
        'parliament.uk', 'senedd.wales', 'senedd.cymru', 'parliament.scot', 'judiciary.uk', 'mod.uk', 'ukri.org',
      ]),
    /** Link shorteners: they hide where a link goes, so a reader cannot tell a real link from a scam. */
    shorteners: z
      .array(host)
      .default([
        'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'ow.ly', 'goo.gl', 'buff.ly', 'is.gd', 'v.gd', 'rebrand.ly', 'cutt.ly',
        'shorturl.at', 'tiny.cc', 'lnkd.in', 'dlvr.it', 'rb.gy', 't.ly', 'bit.do', 'tinyurl.co.uk',
      ]),
  })
  .strict();

/** The links rule's settings. */
export type LinksPolicy = z.output<typeof linksPolicy>;

interface Compiled {
  allowed: ReadonlySet<string>;
  shorteners: ReadonlySet<string>;
}

const compile = compiledPerPolicy(
  (policy: LinksPolicy): Compiled => ({ allowed: new Set(policy.allowedHosts), shorteners: new Set(policy.shorteners) }),
);

/** True when the host, or a domain it is under, is in the set: "www.gov.uk" is under "gov.uk". */
export function hostIsUnder(hostName: string, domains: ReadonlySet<string>): boolean {
  let rest = hostName.replace(/\.$/u, '');
  for (;;) {
    if (domains.has(rest)) return true;
    const dot = rest.indexOf('.');
    if (dot < 0) return false;
    rest = rest.slice(dot + 1);
  }
}

/** Links to sites not on the organisation's allow-list, and links through shorteners. Medium. */
export const linksRule: Rule<LinksPolicy> = {
  id: 'links',
  title: 'Links',
  principle: 'trusted-links',
  policy: linksPolicy,
  defaults: linksPolicy.parse({}),
  check(draft, _context, policy) {
    const compiled = compile(policy);
    const findings: Finding[] = [];
    for (const link of draft.links) {
      const base: Omit<Finding, 'message'> = { rule: 'links', severity: 'medium', principle: 'trusted-links', start: link.start, end: link.end };
      if (hostIsUnder(link.host, compiled.shorteners)) {
        findings.push({
          ...base,
          message: `${link.host} is a link shortener: readers cannot see where the link goes, and scammers use them.`,
          suggestion: 'Use the full address of the page.',
        });
      } else if (!hostIsUnder(link.host, compiled.allowed)) {
        findings.push({
          ...base,
          message: `${link.host} is not on our list of sites to link to, so someone needs to check it can be trusted.`,
          suggestion: 'Link to the GOV.UK page on the subject, or ask for the site to be added to the list.',
        });
      }
    }
    return findings;
  },
};
