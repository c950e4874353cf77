/**
 * Where a reply is on its way out: written, waiting for a reviewer, queued, being sent, public, refused by the
 * platform, or rejected by a reviewer (closed, never published).
 */
export type ReplyState = 'draft' | 'in_review' | 'submitted' | 'publishing' | 'published' | 'failed' | 'rejected';

/** Every reply state, for schemas. */
export const replyStates = ['draft', 'in_review', 'submitted', 'publishing', 'published', 'failed', 'rejected'] as const satisfies readonly ReplyState[];

/** The states in which a reply is still on its way (the one pending reply a case may have). */
export const pendingStates: readonly ReplyState[] = ['draft', 'in_review', 'submitted', 'publishing'];

/** A reply on a case, or a new post on a channel (no case), and what became of publishing it. */
export interface ReplyTable {
  id: string;
  /** Null for a new post on a channel. */
  case_id: string | null;
  /** The mention answered (the case's latest when the draft was made); null for a new post. No foreign key: mentions may be erased. */
  mention_id: string | null;
  channel_id: string;
  author_id: string;
  text: string;
  /** ISO 639-1: `en` or `cy`. */
  language: string;
  /** JSON PlatformPostRef of the post answered, fixed once known (Bluesky's is read from the platform on first attempt). */
  in_reply_to: string | null;
  state: ReplyState;
  /** 1 when the author marked it essential service information (it matters in a pre-election period). */
  essential_service: number;
  /** Attempts sent to the platform; counted before each send. */
  attempts: number;
  /** When the queue may take it next (submitted or publishing); null otherwise. */
  next_attempt_at: string | null;
  /** The platform's words for the last failure or delay. */
  last_error: string | null;
  platform_id: string | null;
  url: string | null;
  published_at: string | null;
  /** The PublishRequest's createdAt: part of the Bluesky record key, so it never changes. */
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
}

/** A team's saved reply, with `{placeholders}` filled in when it is inserted. */
export interface SavedReplyTable {
  id: string;
  team_id: string;
  title: string;
  language: 'en' | 'cy';
  body: string;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    replies: ReplyTable;
    saved_replies: SavedReplyTable;
  }
}
