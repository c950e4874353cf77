import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Problem } from '../errors/app-error.js';
import { errorCodes, type ErrorCode } from '../errors/error-codes.js';
import { wantsJson } from './authentication.js';

function fromFastify(error: FastifyError): AppError | undefined {
  if (Array.isArray(error.validation)) {
    const problems: Problem[] = error.validation.map((issue) => {
      const missing = issue.params['missingProperty'];
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { path: path || (typeof missing === 'string' ? missing : ''), message: issue.message ?? 'is not valid' };
    });
    return new AppError('validation_failed', undefined, problems);
  }
  const byCode: Partial<Record<string, ErrorCode>> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_CSRF_INVALID_TOKEN: 'csrf_failed',
    FST_CSRF_MISSING_SECRET: 'csrf_failed',
  };
  const code = byCode[error.code];
  if (code) return new AppError(code);
  if (error.statusCode === 429) return new AppError('too_many_requests');
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError('invalid_json');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new AppError('bad_request');
  return undefined;
}

/** Renders an error as JSON for the API or as a GOV.UK page, never with a stack trace. */
export async function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<void> {
  reply.code(error.status);
  if (wantsJson(request)) {
    await reply.send({ error: { code: error.code, message: error.message, ...(error.problems.length > 0 ? { problems: error.problems } : {}) } });
    return;
  }
  const template = error.status === 404 ? 'web/errors/not-found.njk' : error.status === 403 ? 'web/errors/forbidden.njk' : error.status >= 500 ? 'web/errors/server-error.njk' : 'web/errors/problem.njk';
  await reply.send(await reply.page(template, { error: { code: error.code, message: error.message, status: error.status } }));
}

/** Installs the error and not-found handlers. Unexpected errors are logged (redacted) and shown as a 500 page. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (rawError: FastifyError, request, reply) => {
    const error = rawError instanceof AppError ? rawError : fromFastify(rawError);
    if (error) {
      if (error.status >= 500) request.log.error({ err: rawError }, 'request failed');
      await sendError(request, reply, error);
      return;
    }
    request.log.error({ err: rawError }, 'unexpected error');
    try {
      await sendError(request, reply, new AppError('internal'));
    } catch {
      await reply.code(500).type('text/plain').send(errorCodes.internal.message);
    }
  });
  app.setNotFoundHandler(async (request, reply) => {
    await sendError(request, reply, new AppError('not_found'));
  });
}
