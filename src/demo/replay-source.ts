import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/database.js';
import type { CredentialCipher } from '../platform/secrets/encryption.js';
import { ingestBatch } from '../listening/ingest/ingest-batch.js';
import type { IncomingMention } from '../listening/mentions/incoming-mention.js';
import type { IngestPipeline } from '../listening/ingest/ingest-batch.js';
import { createSource } from '../listening/sources/sources.js';
import { samplePosts } from './sample-posts.js';

/** The name of the demo's replay source: how a restart finds it again. */
export const replaySourceName = 'Demo replay (fictional posts)';

/** One sample post as a new mention, stamped now, with an id of its own so each replay is a new post. */
export function samplePostAsMention(index: number, now: Date): IncomingMention {
  const sample = samplePosts[index % samplePosts.length];
  if (!sample) throw new Error('the demo has no sample posts');
  const id = randomUUID();
  return {
    sourceKind: sample.platform,
    externalId: `demo:${id}`,
    url: null,
    authorHandle: sample.author,
    authorName: sample.name,
    text: sample.text,
    declaredLanguage: sample.lang,
    createdAt: now.toISOString(),
    links: [],
    hashtags: [],
    mentions: [],
    replyTo: null,
  };
}

/**
 * Finds or makes the demo's replay source, then hands it one sample post every few seconds through the real
 * pipeline (match, enrich, store), so a fresh install shows mentions arriving. Returns a function that stops it.
 */
export async function startReplay(db: Kysely<Database>, cipher: CredentialCipher, pipeline: IngestPipeline, onError: (error: unknown) => void, everyMs = 4000): Promise<() => void> {
  const existing = await db.selectFrom('sources').select(['id', 'keep_all']).where('name', '=', replaySourceName).executeTakeFirst();
  const source = existing
    ? { id: existing.id, keepAll: existing.keep_all === 1 }
    : (await createSource(db, { type: 'system', label: 'demo' }, cipher, { kind: 'webhook', name: replaySourceName })).source;
  let next = 0;
  const replayOne = () => ingestBatch(db, pipeline, source, { mentions: [samplePostAsMention(next++, new Date())] }).then(() => undefined);
  const timer = setInterval(() => { replayOne().catch(onError); }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
