import type { ActiveSession } from '../auth/sessions.js';
import type { User } from '../auth/users-repository.js';
import type { Access } from './access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, from the session cookie or an API token. */
    user: User | undefined;
    /** The browser session, when the request came with a session cookie. */
    session: ActiveSession | undefined;
    /** How the request was authenticated. Bearer-token requests need no CSRF token. */
    authMethod: 'session' | 'token' | undefined;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** false for routes that authenticate by other means (signed webhooks) and so need no CSRF token. */
    csrf?: false;
  }
  interface FastifyReply {
    /** Renders a page inside the layout, with the user, navigation, CSRF token and CSP nonce filled in. */
    page(template: string, data?: Record<string, unknown>): Promise<string>;
    /** Values merged into every page this request renders (@fastify/view's locals), for data a feature adds to another's page. */
    locals: Record<string, unknown> | null;
  }
}
