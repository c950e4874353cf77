import { shortenMentions } from './text-length.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A status's HTML `content` as the text that was posted: paragraphs and line breaks become new lines, tags go
 * (a shortened link's hidden parts are kept, which gives back the whole address), entities are decoded.
 */
export function statusPlainText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text);
}

function comparable(text: string): string {
  return shortenMentions(text.normalize('NFC')).replace(/\s+/gu, ' ').trim();
}

/**
 * Whether a status's content is this text. Mastodon drops the domain of a mention it formats, trims the text and
 * turns new lines into markup, so both sides are compared with mentions shortened and white space collapsed.
 */
export function isSameText(html: string, text: string): boolean {
  return comparable(statusPlainText(html)) === comparable(text);
}
