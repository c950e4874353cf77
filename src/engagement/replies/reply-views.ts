import type { Kysely } from 'kysely';
import { platformName } from '../../channels/channels.js';
import type { Channel } from '../../channels/channel-repository.js';
import type { User } from '../../platform/auth/users-repository.js';
import type { Database } from '../../platform/db/database.js';
import { reviewComments } from '../../guidance/review/review-store.js';
import type { CaseSummary } from '../cases/case-repository.js';
import { lengthReport } from './reply-limits.js';
import { languageNames } from './reply-input.js';
import { listCaseReplies, type Reply } from './reply-repository.js';
import { fillPlaceholders, listSavedReplies, type PlaceholderValues } from './saved-replies.js';

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });

/** A time as pages show it: Europe/London. */
export function shownTime(iso: string | null): string {
  return iso === null ? '' : london.format(new Date(iso));
}

/** A reply as the case page's reply section shows it: its state in words and what is holding it up. */
export interface ReplyLine {
  id: string;
  authorName: string;
  state: Reply['state'];
  stateText: string;
  tagClass: string;
  note: string;
  text: string;
  language: string;
  url: string | null;
}

const tags = {
  draft: ['Draft', 'govuk-tag--grey'], in_review: ['Waiting for review', 'govuk-tag--yellow'], rejected: ['Rejected', 'govuk-tag--red'], submitted: ['Queued', 'govuk-tag--blue'], publishing: ['Publishing', 'govuk-tag--blue'],
  published: ['Published', 'govuk-tag--green'], failed: ['Failed', 'govuk-tag--red'],
} as const;

/** The words for a reply's state, and what is holding it up: a delay with the next try, or the platform's refusal. */
export function replyLine(reply: Reply, channel?: Pick<Channel, 'status' | 'credentialsProblem'>, rejection?: string | null): ReplyLine {
  const [stateText, tagClass] = tags[reply.state];
  const platform = reply.platform === null ? 'The platform' : platformName(reply.platform);
  let note = '';
  if (reply.state === 'in_review') note = 'A reviewer must approve it before it is published.';
  else if (reply.state === 'rejected') note = rejection ? `A reviewer rejected it (“${rejection}”): it will not be published.` : 'A reviewer rejected it: it will not be published.';
  else if (reply.state === 'published') note = `Published ${shownTime(reply.publishedAt)}`;
  else if (reply.state === 'failed') note = `${platform} refused it: ${reply.lastError ?? 'no reason given'}`;
  else if (reply.state !== 'draft' && channel?.credentialsProblem) note = `Waiting: the channel’s credentials were refused (${channel.credentialsProblem}). It will be published once new credentials are given.`;
  else if (reply.state !== 'draft' && channel && channel.status !== 'active') note = 'Waiting: the channel is paused. It will be published once it is switched on.';
  else if (reply.state !== 'draft' && reply.lastError !== null) note = `Delayed: ${platform} is not answering (${reply.lastError}). Next try at ${shownTime(reply.nextAttemptAt)}.`;
  return { id: reply.id, authorName: reply.authorName ?? 'Someone', state: reply.state, stateText, tagClass, note, text: reply.text, language: languageNames[reply.language === 'cy' ? 'cy' : 'en'], url: reply.url !== null && /^https?:\/\//i.test(reply.url) ? reply.url : null };
}

/** What the reply section of a case page shows: its replies and where to write one. */
export async function replySection(db: Kysely<Database>, caseId: string, channel: Channel | undefined): Promise<{ caseId: string; replies: ReplyLine[]; composeHref: string }> {
  const replies = await listCaseReplies(db, caseId);
  const comments = await reviewComments(db, replies.filter((r) => r.state === 'rejected').map((r) => r.id));
  const lines = replies.map((r) => replyLine(r, channel, comments.get(r.id)));
  return { caseId, replies: lines, composeHref: `/cases/${caseId}/reply` };
}

/** The values placeholders are filled with on a case. */
export function placeholderValues(user: User, found: CaseSummary | undefined, channel: Channel): PlaceholderValues {
  const handle = found?.mention?.authorHandle ?? undefined;
  return {
    name: found?.mention?.authorName ?? handle, handle, case_reference: found ? found.id.slice(0, 8).toUpperCase() : undefined, channel: channel.name,
    officer: user.name, team: found?.teamName ?? user.teamName ?? undefined,
  };
}

/** The compose page's saved replies: the user's team's, filled in, in English and Welsh. */
export async function savedRepliesFor(db: Kysely<Database>, user: User, values: PlaceholderValues) {
  if (user.teamId === null) return [];
  return (await listSavedReplies(db, user.teamId)).map((s) => ({ id: s.id, title: s.title, language: s.language, languageName: languageNames[s.language], text: fillPlaceholders(s.body, values) }));
}

/** The count line under the text box: the platform's count of the text and its limit. */
export function countLine(channel: Channel, text: string) {
  const report = lengthReport(channel, text);
  return { ...report, platformName: platformName(channel.platform), over: report.remaining < 0 };
}
