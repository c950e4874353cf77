import { z } from 'zod';
import { malformedOutcome } from './answer-outcome.js';
import { callJson } from './http-call.js';
import { mastodonFailure, statusSchema } from './mastodon-schemas.js';
import type { PlatformPostRef, PublishOutcome } from './publisher.js';

const searchSchema = z.object({ statuses: z.array(statusSchema) });

/**
 * The id, on a channel's own instance, of a status read from another server: Mastodon ids are per instance, so a
 * reply from the channel's instance must name the copy its instance holds. Found with `GET /api/v2/search` by the
 * status's URL with `resolve=true`, which makes the instance fetch the status when it has not seen it (this needs a
 * signed-in account: the channel's token).
 */
export async function resolveMastodonStatus(
  options: { instanceUrl: string; accessToken: string; statusUrl: string; timeoutMs?: number; now?: () => Date },
): Promise<{ ok: true; ref: PlatformPostRef } | { ok: false; outcome: PublishOutcome }> {
  const base = new URL(options.instanceUrl);
  const who = `Mastodon (${base.host})`;
  const url = new URL('/api/v2/search', base);
  for (const [name, value] of Object.entries({ q: options.statusUrl, type: 'statuses', resolve: 'true', limit: '1' })) url.searchParams.set(name, value);
  const result = await callJson({ method: 'GET', url, headers: { authorization: `Bearer ${options.accessToken}` }, timeoutMs: options.timeoutMs ?? 30_000 });
  if (result.kind !== 'answer' || result.status !== 200) return { ok: false, outcome: mastodonFailure(result, who, (options.now ?? (() => new Date()))()) };
  const read = searchSchema.safeParse(result.body);
  if (!read.success) return { ok: false, outcome: malformedOutcome(who, 'search') };
  const [status] = read.data.statuses;
  if (status === undefined) {
    return { ok: false, outcome: { kind: 'failed', message: `${who} could not find the post being answered (${options.statusUrl}): it may have been deleted, or its server may not share posts with ${base.host}.`, credentialsProblem: false } };
  }
  return { ok: true, ref: { platform: 'mastodon', statusId: status.id, url: status.url ?? status.uri } };
}
