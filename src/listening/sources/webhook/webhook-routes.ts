import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/app-error.js';
import type { CredentialCipher } from '../../../platform/secrets/encryption.js';
import { ingestBatch } from '../../ingest/ingest-batch.js';
import type { IngestPipeline } from '../../ingest/ingest-batch.js';
import { loadSourceForRun } from '../sources.js';
import { readWebhookBody } from './webhook-payload.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/**
 * `POST /api/v1/sources/{id}/mentions`: senders push one mention or a batch, signed with the source's secret.
 * The body is read raw (the signature covers its exact bytes), so this route has its own JSON parser.
 */
export async function registerWebhookRoutes(app: FastifyInstance, db: Kysely<Database>, cipher: CredentialCipher, pipeline: IngestPipeline): Promise<void> {
  await app.register((scope, _options, done) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 5 * 1_048_576 }, (_request, body, next) => { next(null, body); });
    scope.post<{ Params: { id: string } }>('/api/v1/sources/:id/mentions', {
      config: { access: 'public', csrf: false },
      schema: { hide: true },
    }, async (request, reply) => {
      const loaded = await loadSourceForRun(db, cipher, request.params.id);
      if (loaded?.source.kind !== 'webhook' || loaded.secret === undefined) throw new AppError('not_found', 'There is no such webhook source');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-parley-signature'];
      if (!verifyWebhookSignature(loaded.secret, raw, typeof signature === 'string' ? signature : undefined)) {
        throw new AppError('unauthenticated', 'The X-Parley-Signature header is missing or does not match the body (expected sha256=<hex HMAC-SHA256 of the body with the source’s secret>)');
      }
      if (loaded.source.status !== 'active') throw new AppError('conflict', 'The source is paused: resume it to accept mentions');
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('invalid_json');
      }
      const body = readWebhookBody(json, new Date());
      if (!body.ok) throw new AppError('validation_failed', undefined, body.problems);
      const outcome = await ingestBatch(db, pipeline, loaded.source, { mentions: body.mentions });
      return reply.code(202).send(outcome);
    });
    done();
  });
}
