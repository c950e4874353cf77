import { htmlToText, type HtmlText } from '../feed/html-text.js';

// An anchor's start tag. Attribute values rarely hold '>', and when one does the tag is only misread, never unsafe.
const ANCHOR = /<a\s[^>]*>/gi;
const CLASS = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const REL_TAG = /\srel\s*=\s*(?:"[^"]*\btag\b[^"]*"|'[^']*\btag\b[^']*'|tag\b)/i;

/** Whether a start tag is one Mastodon writes for a mention (`u-url mention`) or a hashtag (`mention hashtag`). */
function isMentionOrHashtag(tag: string): boolean {
  const match = CLASS.exec(tag);
  const classes = (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').toLowerCase().split(/\s+/);
  return classes.includes('mention') || classes.includes('hashtag') || REL_TAG.test(tag);
}

/**
 * Reads a status's HTML `content` as plain text with the links it contains. The anchors Mastodon writes for
 * mentions and hashtags point at profiles and tag pages, not at what the post links to, so they give their text
 * (`@name`, `#tag`) but no link; the status's `mentions` and `tags` carry those.
 */
export function readStatusContent(html: string, baseUrl: string | null): HtmlText {
  return htmlToText(html.replace(ANCHOR, (tag) => (isMentionOrHashtag(tag) ? '<a>' : tag)), baseUrl);
}
