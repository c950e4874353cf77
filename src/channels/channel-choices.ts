import type { Kysely } from 'kysely';
import { changeSignal } from '../platform/cluster/change-signal.js';
import { keptUntilChange } from '../platform/cluster/kept-until-change.js';
import type { Database } from '../platform/db/database.js';

/** A channel as a choice in a filter: its id and name. */
export interface ChannelChoice {
  id: string;
  name: string;
}

/** How long the choices are reused when no channel is added or renamed in this server meanwhile. */
const keptMs = 30_000;
const channelChanges = changeSignal('channel-change');

/** Called after a channel is added or renamed, so that every process of this server lists it at once. */
export function noteChannelChange(): void {
  channelChanges.note();
}

const keptChoices = keptUntilChange<Kysely<Database>, 'all', ChannelChoice[]>(
  (db) => db.selectFrom('channels').select(['id', 'name']).orderBy('name').execute(),
  { signal: channelChanges, keptMs, keyOf: () => 'all' },
);

/** Every channel's id and name, by name, for filters on busy pages: read again after a change or 30 seconds. */
export function channelChoices(db: Kysely<Database>, now = Date.now()): Promise<ChannelChoice[]> {
  return keptChoices(db, 'all', now);
}
