import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * Collects the schemas of the `/api/v1` routes into an OpenAPI 3 document served at `/api/openapi.json`. Register it
 * before any route, so that it sees them all.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version,
        description: 'Parley’s JSON API. Authenticate with a personal API token (`parley token create --user EMAIL`, or Account › API tokens) in an `Authorization: Bearer` header. Errors are `{"error": {"code", "message", "problems"?}}`.',
      },
      components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token, starting parley_' } } },
      security: [{ bearerToken: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      return input.url.startsWith('/api/v1') ? transformed : { ...transformed, schema: { ...transformed.schema, hide: true } };
    },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => reply.send(app.swagger()));
}
