import { type BackoffSettings, nextPollAfterFailure, nextPollAfterSuccess } from './backoff.js';

/** What Parley keeps about a feed between polls. */
export interface FeedState {
  /** The validators of the last copy read, sent back as If-None-Match and If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  /** Failures in a row; 0 after a success. */
  failures: number;
  /** ISO 8601 UTC. */
  nextPollAt: string;
  /** The last failure's message, shown on the source's page; null after a success. */
  lastError: string | null;
}

/** What decides when a feed is polled next. */
export interface PollTiming {
  now: Date;
  intervalSeconds: number;
  backoff?: BackoffSettings;
  random?: () => number;
}

/** The state after a poll that read the feed or found it not modified. */
export function stateAfterSuccess(validators: Pick<FeedState, 'etag' | 'lastModified'>, timing: PollTiming): FeedState {
  return {
    etag: validators.etag,
    lastModified: validators.lastModified,
    failures: 0,
    nextPollAt: nextPollAfterSuccess(timing.now, timing.intervalSeconds).toISOString(),
    lastError: null,
  };
}

/** The state after a failed poll: the validators kept, one more failure, a backed-off next poll and the error. */
export function stateAfterFailure(
  previous: FeedState | null,
  error: string,
  retryAfterSeconds: number | null,
  timing: PollTiming,
): FeedState {
  const failures = (previous?.failures ?? 0) + 1;
  const { now, backoff: settings, random } = timing;
  const next = nextPollAfterFailure({ now, failures, retryAfterSeconds, settings, random });
  return {
    etag: previous?.etag ?? null,
    lastModified: previous?.lastModified ?? null,
    failures,
    nextPollAt: next.toISOString(),
    lastError: error,
  };
}
