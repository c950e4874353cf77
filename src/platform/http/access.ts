import type { Permission } from '../auth/roles.js';

/**
 * Who may use a route. Every route must say: a route without `config.access` is refused at start-up, so nothing is
 * reachable by accident.
 * - `public`: anyone, signed in or not;
 * - `signed-in`: any active account;
 * - `{ permission }`: accounts whose roles grant it;
 * - `password-change`: signed in, and still allowed while the password must be changed.
 */
export type Access = 'public' | 'signed-in' | 'password-change' | { permission: Permission };
