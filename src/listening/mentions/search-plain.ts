import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { type EngineQuery, type HitRow, hitColumns, rangeConditions, seqRangeOf } from './search-engine.js';

/** Neither words nor filters: the newest mentions (in the date range), walking seq backwards. The same on both engines. */
export async function searchUnfiltered(db: Kysely<Database>, query: EngineQuery): Promise<HitRow[]> {
  return db
    .selectFrom('mentions as m')
    .select(hitColumns)
    .select(sql<number>`0`.as('score'))
    .where((eb) => eb.and(rangeConditions(seqRangeOf(query), 'm.seq')))
    .orderBy('m.seq', 'desc')
    .limit(query.limit)
    .execute();
}
