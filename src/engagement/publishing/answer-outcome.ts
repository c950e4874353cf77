import { STATUS_CODES } from 'node:http';
import type { HttpResult } from './http-call.js';
import type { AccountCheck, PublishOutcome } from './publisher.js';
import { DEFAULT_FAULT_WAIT_MS, isRetryableStatus, retryWaitMs } from './retry-wait.js';

/** A platform's own words from an error answer, cut to a readable length; empty when it gave none. */
export function quoted(words: string | undefined): string {
  const text = words?.replace(/\s+/g, ' ').trim().slice(0, 300) ?? '';
  return text === '' ? '' : `: “${text}”`;
}

/** An HTTP status in words: `422 Unprocessable Entity`. */
export function statusWords(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
}

/** What an answer that is not a success means for publishing. */
export interface FailureWords {
  /** The platform's name and host: `Mastodon (social.example)`. */
  who: string;
  /** The platform's own error message. */
  platformMessage: string | undefined;
  /** What to do about refused credentials: `Replace the access token on the channel.` */
  credentialsAdvice: string;
  /** Whether this answer means the credentials are wrong or expired, beyond 401 and 403. */
  credentialsRefused?: boolean;
}

/**
 * Turns a failed request into an outcome: `retry` for no answer, 408, 429 and 5xx (with the wait asked for);
 * `failed` with credentialsProblem for 401, 403 and what the platform says is a credentials error; `failed` with the
 * platform's message for any other refusal.
 */
export function failureOutcome(result: HttpResult, words: FailureWords, now: Date): PublishOutcome {
  if (result.kind === 'unreachable') return { kind: 'retry', afterMs: DEFAULT_FAULT_WAIT_MS, message: `${result.message}.` };
  const { status, headers } = result;
  const answered = `${words.who} answered ${statusWords(status)}${quoted(words.platformMessage)}`;
  if (status === 401 || status === 403 || words.credentialsRefused === true) {
    return { kind: 'failed', message: `${answered}. ${words.credentialsAdvice}`, credentialsProblem: true };
  }
  if (isRetryableStatus(status)) {
    const afterMs = retryWaitMs(status, headers, now);
    return { kind: 'retry', afterMs, message: `${answered}; Parley will try again in ${Math.ceil(afterMs / 1000)} s.` };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'failed', message: `${words.who} redirected the request to ${headers.get('location') ?? 'nowhere'}: use the server’s own address.`, credentialsProblem: false };
  }
  return { kind: 'failed', message: `${answered}.`, credentialsProblem: false };
}

/** The outcome for a success answer whose body is not what the platform documents. */
export function malformedOutcome(who: string, what: string): PublishOutcome {
  return { kind: 'retry', afterMs: DEFAULT_FAULT_WAIT_MS, message: `${who} answered ${what} with something Parley cannot read; it will ask again.` };
}

/** An account check that failed for the reason an outcome gives. */
export function failedCheck(outcome: PublishOutcome): AccountCheck {
  if (outcome.kind === 'failed') return { ok: false, message: outcome.message, credentialsProblem: outcome.credentialsProblem };
  return { ok: false, message: outcome.kind === 'retry' ? outcome.message : 'The platform gave an unexpected answer.', credentialsProblem: false };
}
