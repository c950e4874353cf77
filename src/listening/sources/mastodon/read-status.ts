import { z } from 'zod';
import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { absoluteHttpUrl, cleanText } from '../feed/html-text.js';
import { readStatusContent } from './status-content.js';
import { isStatusId } from './status-ids.js';

/** What normalising a status needs to know about the source. */
export interface StatusContext {
  /** The host of the instance the source reads (`mastodon.social`): external ids are `host:statusId`. */
  instanceHost: string;
  /** The instance's own domain, which local accounts' `acct` leaves out (often the same as the host). */
  domain: string;
  /** Store statuses of accounts that opted out of indexing (the admin's override). */
  includeOptedOut: boolean;
  /** The most characters of text kept from one status. */
  maxTextLength: number;
}

/** What a status gives: a mention, a status left out (and why), or a reason it cannot be read. */
export type StatusReading =
  | { kind: 'mention'; id: string; mention: IncomingMention }
  | { kind: 'skipped'; id: string; reason: 'opted-out' | 'reblog' | 'not-public' }
  | { kind: 'invalid'; id: string | null; problem: string };

const text = z.string().catch('');
const nullableText = z.string().nullable().catch(null);
const account = z.object({
  acct: z.string().min(1),
  display_name: text,
  noindex: z.boolean().nullable().optional().catch(undefined),
  indexable: z.boolean().nullable().optional().catch(undefined),
});
// Only what identifies and dates a status is required; a part of the wrong shape is dropped, not the status.
const statusId = z.string().refine(isStatusId, 'is not a status id');
const status = z.object({
  id: statusId,
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date and time'),
  content: z.string(),
  account,
  uri: nullableText,
  url: nullableText,
  spoiler_text: text,
  language: nullableText,
  in_reply_to_id: statusId.nullable().catch(null),
  visibility: z.string().optional().catch(undefined),
  reblog: z.unknown().optional(),
  tags: z.array(z.object({ name: z.string().min(1) }).nullable().catch(null)).catch([]),
  mentions: z.array(z.object({ acct: z.string().min(1) }).nullable().catch(null)).catch([]),
});

const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** The external id Parley keeps for a status of an instance: `host:id`, the same for its deletes and replies. */
export function statusExternalId(instanceHost: string, id: string): string {
  return `${instanceHost}:${id}`;
}

/** Whether an account has opted out of being indexed: `noindex` (Mastodon 4.0+) or not `indexable` (4.2+). */
export function hasOptedOut(author: { noindex?: boolean | null | undefined; indexable?: boolean | null | undefined }): boolean {
  return author.noindex === true || author.indexable === false;
}

function qualify(acct: string, domain: string): string {
  return acct.includes('@') ? acct : `${acct}@${domain}`;
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue === undefined ? 'it is not a status' : `${issue.path.join('.') || 'the status'}: ${issue.message}`;
}

/**
 * Reads one status from the REST or streaming API as a mention: its HTML made plain text (after its content warning),
 * its links from the content, hashtags from `tags`, mentions from `mentions` (`user@instance`, local accounts
 * qualified with the instance's domain), the reply from `in_reply_to_id`, the language as declared. Reblogs and
 * statuses that are not public are skipped; so are those of accounts that opted out of indexing, unless the source
 * includes them. Never throws.
 */
export function readStatus(raw: unknown, context: StatusContext): StatusReading {
  const parsed = status.safeParse(raw);
  if (!parsed.success) {
    const id = z.object({ id: statusId }).safeParse(raw);
    return { kind: 'invalid', id: id.success ? id.data.id : null, problem: firstProblem(parsed.error) };
  }
  const s = parsed.data;
  if (s.reblog !== undefined && s.reblog !== null) return { kind: 'skipped', id: s.id, reason: 'reblog' };
  if (s.visibility !== undefined && s.visibility !== 'public' && s.visibility !== 'unlisted') return { kind: 'skipped', id: s.id, reason: 'not-public' };
  if (!context.includeOptedOut && hasOptedOut(s.account)) return { kind: 'skipped', id: s.id, reason: 'opted-out' };
  const url = absoluteHttpUrl(s.url ?? undefined, null) ?? absoluteHttpUrl(s.uri ?? undefined, null);
  const body = readStatusContent(s.content, url);
  const spoiler = cleanText(s.spoiler_text);
  const language = s.language !== null && LANGUAGE.test(s.language) ? s.language : null;
  const name = cleanText(s.account.display_name);
  return {
    kind: 'mention',
    id: s.id,
    mention: {
      sourceKind: 'mastodon',
      externalId: statusExternalId(context.instanceHost, s.id),
      url,
      authorHandle: qualify(s.account.acct, context.domain),
      authorName: name === '' ? null : name,
      text: (spoiler === '' ? body.text : `${spoiler} ${body.text}`).slice(0, context.maxTextLength),
      declaredLanguage: language,
      createdAt: new Date(s.created_at).toISOString(),
      links: body.links,
      hashtags: [...new Set(s.tags.flatMap((tag) => (tag === null ? [] : [tag.name])))],
      mentions: [...new Set(s.mentions.flatMap((m) => (m === null ? [] : [qualify(m.acct, context.domain)])))],
      replyTo: s.in_reply_to_id === null ? null : statusExternalId(context.instanceHost, s.in_reply_to_id),
    },
  };
}
