import { foldText } from './tokenise.js';

/** A handle as fields compare it: lower case, without a leading @ ("@DWP@mastodon.social" → "dwp@mastodon.social"). */
export function normaliseHandle(handle: string): string {
  const lower = handle.toLowerCase();
  return lower.startsWith('@') ? lower.slice(1) : lower;
}

/** A hashtag as fields compare it: folded, without the # ("#Cáerdydd" → "caerdydd"). */
export function normaliseHashtag(tag: string): string {
  return foldText(tag.replace(/^#/, ''));
}

/** The primary language subtag, lower case ("en-GB" → "en"). */
export function normaliseLang(lang: string): string {
  const lower = lang.trim().toLowerCase();
  const hyphen = lower.indexOf('-');
  const underscore = lower.indexOf('_');
  const cut = hyphen < 0 ? underscore : underscore < 0 ? hyphen : Math.min(hyphen, underscore);
  return cut < 0 ? lower : lower.slice(0, cut);
}

/** A link's host name, lower case and punycoded, or undefined when the link is not an absolute URL. */
export function linkHost(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  const host = new URL(link).hostname.replace(/\.$/, '');
  return host === '' ? undefined : host;
}

const HOST = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** A bare domain name ("GOV.UK" → "gov.uk"), or undefined when the text is not one (a URL, a path, a port…). */
export function domainName(text: string): string | undefined {
  if (/[/:@?#\\]/.test(text)) return undefined;
  const host = linkHost(`http://${text}`);
  return host !== undefined && HOST.test(host) ? host : undefined;
}
