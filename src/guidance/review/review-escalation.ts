import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database.js';
import { escalateOverdueReviews } from './review-actions.js';

/** How often a process looks for overdue reviews. */
export const escalationIntervalMs = 60_000;

/** Escalates overdue reviews now and every minute; returns a function that stops it. */
export function startReviewEscalation(db: Kysely<Database>, logger: Logger, intervalMs: number = escalationIntervalMs): () => void {
  const run = () => {
    escalateOverdueReviews(db)
      .then((count) => { if (count > 0) logger.info({ count }, 'overdue reviews sent to the head of digital'); })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not escalate overdue reviews'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
