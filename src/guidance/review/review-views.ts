import type { Reply } from '../../engagement/replies/reply-repository.js';
import { highlightSegments, type Segment } from './highlight.js';
import type { PastDecision, ReviewFinding } from './review-store.js';
import type { ReviewDecision, ReviewLevel } from './tables.js';

/** The tag class of each risk and severity; the compose page's script is given the same. */
export const riskTags: Readonly<Record<string, string>> = { none: 'govuk-tag--green', low: 'govuk-tag--blue', medium: 'govuk-tag--yellow', high: 'govuk-tag--red', blocked: 'govuk-tag--red' };

/** The tag class pages show a risk with. */
export function riskTag(risk: string): string {
  return riskTags[risk] ?? 'govuk-tag--grey';
}

/** Who a review is for, in words. */
export function levelText(level: ReviewLevel, pressOfficeRole: string | null): string {
  const who = level === 'team' ? 'A reviewer in the channel’s team' : 'The head of digital';
  return pressOfficeRole === null ? who : `${who}, and the press office`;
}

/** A run of the reviewed text with the numbers of the findings over it (1-based, as the findings list shows them). */
export interface MarkedRun {
  text: string;
  numbers: number[];
}

/** The reviewed text cut into runs, each marked with the findings that cover it; the template escapes every run. */
export function markedText(text: string, findings: readonly ReviewFinding[]): MarkedRun[] {
  return highlightSegments(text, findings).map((segment: Segment) => ({ text: segment.text, numbers: segment.findings.map((index) => index + 1) }));
}

/** The findings as the review page lists them: numbered, with the words they are about. */
export function numberedFindings(text: string, findings: readonly ReviewFinding[]) {
  return findings.map((finding, index) => ({ ...finding, number: index + 1, words: text.slice(finding.start, finding.end), tag: riskTag(finding.severity) }));
}

const decisionWords: Record<ReviewDecision, { text: string; tag: string }> = {
  approved: { text: 'Approved', tag: 'govuk-tag--green' },
  'changes-requested': { text: 'Changes requested', tag: 'govuk-tag--yellow' },
  rejected: { text: 'Rejected', tag: 'govuk-tag--red' },
};

/** A reply's review history as `review-history.njk` shows it. */
export function reviewHistoryLines(history: readonly PastDecision[]) {
  return history.map((past) => ({ ...past, decisionText: decisionWords[past.decision].text, tag: decisionWords[past.decision].tag, deciderName: past.deciderName ?? 'a reviewer whose account was deleted' }));
}

/** The first words of a draft, for the queue. */
export function excerpt(reply: Pick<Reply, 'text'> | { text: string }, length = 120): string {
  const flat = reply.text.replace(/\s+/gu, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
