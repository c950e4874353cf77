import { z } from 'zod';
import { malformedOutcome } from './answer-outcome.js';
import type { PlatformPostRef, PublishOutcome } from './publisher.js';
import { xrpc, xrpcError, xrpcFailure } from './xrpc.js';

const AT_POST = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/;
const strongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1) });
const recordSchema = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string().min(1),
  value: z.object({ reply: z.object({ root: strongRef, parent: strongRef }).optional().catch(undefined) }),
});

/**
 * The strong reference of a Bluesky post to reply to, read with `com.atproto.repo.getRecord` from a PDS (which
 * answers for its own accounts and passes reads of any other to its AppView): its CID, and its thread's root when
 * the post is itself a reply. Listening keeps only a post's at:// URI, so a reply reads the rest when it is sent.
 */
export async function readBlueskyPostRef(serviceUrl: string, uri: string, timeoutMs = 30_000, now: () => Date = () => new Date()): Promise<{ ok: true; ref: PlatformPostRef } | { ok: false; outcome: PublishOutcome }> {
  const service = new URL(serviceUrl);
  const parts = AT_POST.exec(uri);
  if (!parts) return { ok: false, outcome: { kind: 'failed', message: `“${uri}” is not the address of a Bluesky post.`, credentialsProblem: false } };
  const query = { repo: parts[1] ?? '', collection: 'app.bsky.feed.post', rkey: parts[2] ?? '' };
  const result = await xrpc(service, { method: 'GET', nsid: 'com.atproto.repo.getRecord', query }, timeoutMs);
  if (result.kind === 'answer' && result.status === 400 && xrpcError(result).error === 'RecordNotFound') {
    return { ok: false, outcome: { kind: 'failed', message: `The post being answered is no longer on Bluesky (${uri}): it may have been deleted.`, credentialsProblem: false } };
  }
  if (result.kind !== 'answer' || result.status !== 200) {
    const outcome = xrpcFailure(service, result, now());
    // Reading a public post needs no credentials: a refusal here says nothing about the channel's.
    return { ok: false, outcome: outcome.kind === 'failed' ? { ...outcome, credentialsProblem: false } : outcome };
  }
  const read = recordSchema.safeParse(result.body);
  if (!read.success) return { ok: false, outcome: malformedOutcome(`Bluesky (${service.host})`, 'getRecord') };
  const { reply } = read.data.value;
  return { ok: true, ref: { platform: 'bluesky', uri: read.data.uri, cid: read.data.cid, ...(reply === undefined ? {} : { root: reply.root }) } };
}
