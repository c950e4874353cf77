/** What a case is waiting for, or how it ended. */
export type CaseStatus = 'new' | 'needs_reply' | 'no_reply_needed' | 'escalated' | 'answered';

/** The statuses in which a case waits on the organisation. */
export const openStatuses: readonly CaseStatus[] = ['new', 'needs_reply', 'escalated'];

/** sort_due for a case without a due time: after every real one. */
export const NO_DUE_TIME = '9999-12-31T23:59:59.999Z';

/** Why a case needs no reply: the guidance's common sense, recorded so that it can be reviewed. */
export type NoReplyReason = 'spam' | 'abuse' | 'already_answered' | 'not_our_remit' | 'no_question';

/** Where a case can be escalated to. */
export type EscalationTarget = 'press_office' | 'complaints' | 'safeguarding';

export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';

/** A conversation with a citizen that the organisation may answer: one or more mentions in one thread. */
export interface CaseTable {
  id: string;
  /** The mention that opened the case. No foreign key: a mention erased on request leaves the case and its record. */
  mention_id: string;
  /** The platform post the thread hangs from (the first mention's reply-to, or its own external id). */
  thread_key: string;
  /** The channel a reply would go out on (same platform, the owning team's when it has one), if any is on. */
  channel_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  status: CaseStatus;
  /** 1 while the case waits on the organisation (new, needs a reply, escalated): the inbox's views read only these. */
  is_open: number;
  /** due_at, or a time after any other when there is none: the inbox sorts and pages on (sort_due, id). */
  sort_due: string;
  no_reply_reason: NoReplyReason | null;
  escalated_to: EscalationTarget | null;
  priority: CasePriority;
  language: string;
  /** The watch that opened it, or null when a person opened it from a mention. */
  opened_by_watch: string | null;
  opened_by_user: string | null;
  opened_at: string;
  /** When the channel's promise says the first response is due; null when no channel or promise applies. */
  due_at: string | null;
  first_response_at: string | null;
  /** Working minutes from opening to first response, on the organisation calendar. */
  first_response_minutes: number | null;
  resolved_at: string | null;
  resolution_minutes: number | null;
  reopened_count: number;
  updated_at: string;
}

/** The mentions of a case: the first, and the citizen's follow-ups in the same thread. A mention is in one case at most. */
export interface CaseMentionTable {
  case_id: string;
  mention_id: string;
  external_id: string;
  added_at: string;
}

export interface CaseTagTable {
  case_id: string;
  tag: string;
}

/** Someone on a case page, or drafting a reply to it, as last seen. */
export interface CasePresenceTable {
  case_id: string;
  user_id: string;
  activity: 'viewing' | 'drafting';
  seen_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    cases: CaseTable;
    case_mentions: CaseMentionTable;
    case_tags: CaseTagTable;
    case_presence: CasePresenceTable;
  }
}
