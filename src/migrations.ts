import type { Migration } from 'kysely';
import * as accounts from './platform/auth/migrations/0001-accounts.js';
import * as auditLog from './platform/audit/migrations/0002-audit-log.js';

/** Every migration, by name; names sort in the order they run. Append new ones; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-audit-log': auditLog,
};
