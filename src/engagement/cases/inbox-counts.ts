import type { Kysely } from 'kysely';
import { changeSignal } from '../../platform/cluster/change-signal.js';
import { keptPerViewer, type CountedViewer } from '../../platform/cluster/kept-until-change.js';
import type { Database } from '../../platform/db/database.js';
import { countInbox, countWaiting, type InboxView, type Viewer } from './case-repository.js';

const caseChanges = changeSignal('case-change');

/**
 * Called wherever a case is opened or changes, so that this server's processes stop reusing counts made before.
 * Changes made elsewhere (a `parley worker` on another machine) show within `countsKeptMs`.
 */
export function noteCaseChange(): void {
  caseChanges.note();
}

/** The inbox's view counts for the viewer, reused for a few seconds (see `countsKeptMs`). */
export const keptInboxCounts: (db: Kysely<Database>, viewer: Viewer, now?: number) => Promise<Record<InboxView, number>> = keptPerViewer(countInbox, caseChanges);

/** The navigation's count of cases waiting on the viewer, reused for a few seconds (see `countsKeptMs`). */
export const keptWaitingCount: (db: Kysely<Database>, viewer: CountedViewer, now?: number) => Promise<number> = keptPerViewer(countWaiting, caseChanges);
