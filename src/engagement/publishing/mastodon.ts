import { z } from 'zod';
import { failedCheck, malformedOutcome } from './answer-outcome.js';
import { callJson, type HttpResult } from './http-call.js';
import { isSameText } from './mastodon-content.js';
import { mastodonFailure, statusSchema } from './mastodon-schemas.js';
import { languageCode, type AccountCheck, type PublishOutcome, type Publisher } from './publisher.js';
import { MASTODON_DEFAULT_MAX_CHARACTERS } from './text-length.js';

/** A Mastodon channel: its instance and the access token of its account (scopes `read` and `write:statuses`). */
export interface MastodonPublisherOptions {
  instanceUrl: string;
  accessToken: string;
  /** One request, answer included, is abandoned after this. Default 30 s. */
  timeoutMs?: number;
  /** How many pages of 40 of the account's statuses `findPublished` reads at most. Default 5. */
  recoveryPages?: number;
  now?: () => Date;
}

type Status = z.infer<typeof statusSchema>;
const accountSchema = z.object({ id: z.string().min(1), username: z.string().min(1) });
const instanceSchema = z.object({
  domain: z.string().min(1).optional(),
  uri: z.string().min(1).optional(),
  configuration: z.object({ statuses: z.object({ max_characters: z.number().int().positive() }) }).optional().catch(undefined),
});

// A status is looked for from a little before its reply was created, in case the clocks of Parley and the instance differ.
const CLOCK_MARGIN_MS = 10 * 60 * 1000;

/**
 * Publishes to Mastodon: `POST /api/v1/statuses` (public, with `in_reply_to_id` and `language`) with the reply's
 * id as `Idempotency-Key`, so that a repeated request returns the status made the first time instead of a second.
 *
 * Mastodon keeps idempotency keys for up to an hour (docs: "Idempotency keys are stored for up to 1 hour"), and a
 * worker may die between sending and recording for longer than that. So `findPublished` does not rely on the key:
 * it reads the account's recent statuses (newest first, back to the reply's creation time) for one that answers the
 * same status with the same text, compared as text because the API gives a status's content only as HTML.
 */
export function createMastodonPublisher(options: MastodonPublisherOptions): Publisher {
  const base = new URL(options.instanceUrl);
  const who = `Mastodon (${base.host})`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  let accountId: string | undefined;

  const request = (method: 'GET' | 'POST', path: string, extra: { query?: Record<string, string>; json?: unknown; idempotencyKey?: string } = {}): Promise<HttpResult> => {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(extra.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { authorization: `Bearer ${options.accessToken}` };
    if (extra.idempotencyKey !== undefined) headers['idempotency-key'] = extra.idempotencyKey;
    return callJson({ method, url, headers, json: extra.json, timeoutMs });
  };

  const failure = (result: HttpResult): PublishOutcome => mastodonFailure(result, who, now());

  const published = (status: Status): PublishOutcome => {
    const created = Date.parse(status.created_at);
    return {
      kind: 'published',
      url: status.url ?? status.uri,
      platformId: status.id,
      publishedAt: (Number.isNaN(created) ? now() : new Date(created)).toISOString(),
      ref: { platform: 'mastodon', statusId: status.id, url: status.url ?? status.uri },
    };
  };

  const account = async (): Promise<{ ok: true; id: string; username: string } | { ok: false; outcome: PublishOutcome }> => {
    const result = await request('GET', '/api/v1/accounts/verify_credentials');
    if (result.kind !== 'answer' || result.status !== 200) return { ok: false, outcome: failure(result) };
    const read = accountSchema.safeParse(result.body);
    if (!read.success) return { ok: false, outcome: malformedOutcome(who, 'verify_credentials') };
    accountId = read.data.id;
    return { ok: true, id: read.data.id, username: read.data.username };
  };

  return {
    platform: 'mastodon',

    async publish(publishRequest) {
      const target = publishRequest.inReplyTo;
      if (target !== undefined && target.platform !== 'mastodon') {
        return { kind: 'failed', message: 'A Mastodon channel cannot reply to a Bluesky post.', credentialsProblem: false };
      }
      const language = languageCode(publishRequest);
      const json = {
        status: publishRequest.text,
        visibility: 'public',
        ...(target === undefined ? {} : { in_reply_to_id: target.statusId }),
        ...(language === undefined ? {} : { language }),
      };
      const result = await request('POST', '/api/v1/statuses', { json, idempotencyKey: publishRequest.replyId });
      if (result.kind !== 'answer' || result.status !== 200) return failure(result);
      const read = statusSchema.safeParse(result.body);
      // Sent with the same key, the next attempt gets this status back rather than making another.
      return read.success ? published(read.data) : malformedOutcome(who, 'the new status');
    },

    async findPublished(publishRequest) {
      if (accountId === undefined) {
        const me = await account();
        if (!me.ok) return me.outcome;
      }
      const id = accountId ?? '';
      const parent = publishRequest.inReplyTo?.platform === 'mastodon' ? publishRequest.inReplyTo.statusId : null;
      const since = Date.parse(publishRequest.createdAt) - CLOCK_MARGIN_MS;
      let maxId: string | undefined;
      for (let page = 0; page < (options.recoveryPages ?? 5); page += 1) {
        const query: Record<string, string> = { limit: '40', exclude_reblogs: 'true', ...(maxId === undefined ? {} : { max_id: maxId }) };
        const result = await request('GET', `/api/v1/accounts/${encodeURIComponent(id)}/statuses`, { query });
        if (result.kind !== 'answer' || result.status !== 200) return failure(result);
        const read = z.array(statusSchema).safeParse(result.body);
        if (!read.success) return malformedOutcome(who, 'the account’s statuses');
        const found = read.data.find((s) => (s.in_reply_to_id ?? null) === parent && isSameText(s.content, publishRequest.text));
        if (found !== undefined) return published(found);
        const oldest = read.data.at(-1);
        if (oldest === undefined || Date.parse(oldest.created_at) < since) return undefined;
        maxId = oldest.id;
      }
      return undefined;
    },

    async checkAccount(): Promise<AccountCheck> {
      const me = await account();
      if (!me.ok) return failedCheck(me.outcome);
      let result = await request('GET', '/api/v2/instance');
      if (result.kind === 'answer' && (result.status === 404 || result.status === 410)) result = await request('GET', '/api/v1/instance');
      if (result.kind !== 'answer' || result.status !== 200) return failedCheck(failure(result));
      const read = instanceSchema.safeParse(result.body);
      if (!read.success) return { ok: false, message: `${who} does not describe itself as a Mastodon instance does.`, credentialsProblem: false };
      const domain = read.data.domain ?? read.data.uri?.replace(/^https?:\/\//, '').replace(/\/.*$/, '') ?? base.host;
      return { ok: true, handle: `@${me.username}@${domain}`, maxCharacters: read.data.configuration?.statuses.max_characters ?? MASTODON_DEFAULT_MAX_CHARACTERS };
    },
  };
}
