import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '../../platform/db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { deleteMentionsByExternalId, deleteMentionsByExternalIds, type ExternalDeleteResult } from './mention-delete.js';
import { mentionInput } from './mention-fixtures.js';
import type { StoreMentionInput } from './mention-rows.js';
import { storeMentions } from './mention-store-batch.js';
import { storeMention, type StoreResult } from './mention-store.js';
import { searchMentions } from './search.js';

const WORDS = ['alpha', 'bravo', 'charlie'];
const WATCHES = ['w1', 'w2', 'w3'];
const LINK = 'https://council.example/news/item';
/** Hours after a base time: 0 and 24 (exactly the sighting window apart), and others inside and outside it. */
const HOURS = [0, 5, 24, 25, 49];

interface ItemSpec { externalId: number; word: number; linked: boolean; hours: number; watches: string[] }
interface BatchSpec { source: number; items: ItemSpec[]; deletions: number[] }

const itemSpec: fc.Arbitrary<ItemSpec> = fc.record({
  externalId: fc.nat(4),
  word: fc.nat(WORDS.length - 1),
  linked: fc.boolean(),
  hours: fc.constantFrom(...HOURS),
  watches: fc.subarray(WATCHES),
});
const batchSpec: fc.Arbitrary<BatchSpec> = fc.record({
  source: fc.nat(2),
  items: fc.array(itemSpec, { maxLength: 8 }),
  deletions: fc.array(fc.nat(4), { maxLength: 3 }),
});

/** The mentions of a batch, from a source and with words of this run only, so that runs sharing a database never meet. */
function inputsOf(run: number, batch: BatchSpec): StoreMentionInput[] {
  return batch.items.map((item, index) =>
    mentionInput({
      sourceId: `run${run}-s${batch.source}`,
      externalId: `e${item.externalId}`,
      url: `https://social.example/run${run}/${item.externalId}/${index}`,
      text: `${WORDS[item.word] ?? ''} run${run} news`,
      links: item.linked ? [LINK] : [],
      // A few milliseconds apart per item, so that no two stored mentions tie on their creation time: storeMention
      // itself breaks such a tie by random id. The exact edge of the window is tested on its own below.
      createdAt: new Date(Date.UTC(2026, 10, 20) + item.hours * 3_600_000 + batch.source * 10 + item.externalId).toISOString(),
      watchIds: item.watches,
    }),
  );
}

/** Everything stored, without the ids, seqs and times that differ run to run: rows, sightings, watches and what search finds. */
async function storedState(db: Kysely<Database>): Promise<unknown> {
  const mentions = await db
    .selectFrom('mentions')
    .select(['source_id', 'external_id', 'text', 'created_at', 'dedupe_key', 'facets', 'search_text', 'links'])
    .orderBy('source_id').orderBy('external_id')
    .execute();
  const sightings = await db
    .selectFrom('mention_sightings as s')
    .innerJoin('mentions as m', 'm.id', 's.mention_id')
    .select(['m.source_id as of_source', 'm.external_id as of_item', 's.source_id', 's.external_id', 's.url', 's.created_at'])
    .orderBy('s.source_id').orderBy('s.external_id')
    .execute();
  const watches = await db
    .selectFrom('mention_watches as w')
    .innerJoin('mentions as m', 'm.id', 'w.mention_id')
    .select(['m.source_id', 'm.external_id', 'w.watch_id'])
    .orderBy('m.source_id').orderBy('m.external_id').orderBy('w.watch_id')
    .execute();
  const found: string[][] = [];
  for (const text of WORDS) {
    for (const watchIds of [undefined, ...WATCHES.map((w) => [w])]) {
      const page = await searchMentions(db, { text, watchIds, sort: 'newest', limit: 200 });
      found.push(page.mentions.map((m) => `${m.sourceId}/${m.externalId}`).sort());
    }
  }
  return { mentions, sightings, watches, found };
}

/** The outcomes of storing, with each id replaced by the item it stands for. */
async function described(db: Kysely<Database>, results: readonly StoreResult[]): Promise<string[]> {
  const described: string[] = [];
  for (const { id, outcome } of results) {
    const row = await db.selectFrom('mentions').select(['source_id', 'external_id']).where('id', '=', id).executeTakeFirstOrThrow();
    described.push(`${outcome} ${row.source_id}/${row.external_id}`);
  }
  return described;
}

type Apply = (trx: Kysely<Database>, inputs: readonly StoreMentionInput[], sourceId: string, deletions: readonly string[]) => Promise<{ results: string[]; deleted: ExternalDeleteResult }>;

const batched: Apply = async (trx, inputs, sourceId, deletions) => ({
  results: await described(trx, await storeMentions(trx, inputs)),
  deleted: await deleteMentionsByExternalIds(trx, sourceId, deletions),
});

const oneByOne: Apply = async (trx, inputs, sourceId, deletions) => {
  const results: StoreResult[] = [];
  for (const input of inputs) results.push(await storeMention(trx, input));
  const outcomes = await described(trx, results);
  const deleted = { mentions: 0, sightings: 0 };
  for (const externalId of deletions) {
    const removed = await deleteMentionsByExternalId(trx, sourceId, externalId);
    deleted.mentions += removed.mentions;
    deleted.sightings += removed.sightings;
  }
  return { results: outcomes, deleted };
};

for (const dialect of testDialects()) {
  describe(`storing a batch of mentions on ${dialect.name}`, () => {
    let batchDb: DatabaseHandle;
    let singleDb: DatabaseHandle;
    before(async () => {
      batchDb = await dialect.open();
      singleDb = await dialect.open();
    });
    after(async () => {
      await batchDb.close();
      await singleDb.close();
    });

    const run = async (db: Kysely<Database>, apply: Apply, runNo: number, batches: readonly BatchSpec[]) => {
      const outcomes = [];
      for (const batch of batches) {
        const inputs = inputsOf(runNo, batch);
        const sourceId = `run${runNo}-s${batch.source}`;
        outcomes.push(await db.transaction().execute((trx) => apply(trx, inputs, sourceId, batch.deletions.map((n) => `e${n}`))));
      }
      return outcomes;
    };

    it('stores new items together and repeats, sightings and duplicates as storeMention does', async () => {
      const sourceId = 'fixed-src';
      const earlier = mentionInput({ sourceId: 'other-src', externalId: 'o1', text: 'Bins not collected', links: [LINK] });
      const stored = mentionInput({ sourceId, externalId: 'x1', text: 'Library hours' });
      const own = await dialect.open();
      try {
        await own.db.transaction().execute(async (trx) => {
          await storeMention(trx, earlier);
          await storeMention(trx, stored);
        });
        const inputs = [
          mentionInput({ sourceId, externalId: 'x2', text: 'Pool open' }),
          mentionInput({ sourceId, externalId: 'x1', text: 'Library hours changed' }),
          mentionInput({ sourceId, externalId: 'x3', text: 'Bins not collected!', links: [LINK] }),
          mentionInput({ sourceId, externalId: 'x2', text: 'Pool open again' }),
        ];
        const results = await own.db.transaction().execute((trx) => storeMentions(trx, inputs));
        assert.deepEqual(results.map((r) => r.outcome), ['created', 'updated', 'sighting', 'updated']);
        assert.equal(results[3]?.id, results[0]?.id);
        assert.deepEqual(await own.db.transaction().execute((trx) => storeMentions(trx, [])), []);
        await assert.rejects(() => storeMentions(own.db, [stored, earlier]), /one source/);

        const edge = (externalId: string, createdAt: string) => mentionInput({ sourceId, externalId, text: 'Bins not collected', links: [LINK], createdAt });
        const atEdge = await own.db.transaction().execute((trx) =>
          storeMentions(trx, [edge('x4', '2026-11-21T09:00:00.000Z'), edge('x5', '2026-11-21T09:00:00.001Z')]));
        assert.deepEqual(atEdge.map((r) => r.outcome), ['sighting', 'created']);
      } finally {
        await own.close();
      }
    });

    it('leaves exactly the state and counts of storing and deleting one by one, for any batches', async () => {
      // The runs share two databases (each run with its own sources and words), so a failure is reported as found,
      // not shrunk: shrinking would replay smaller batches on top of the diverged state.
      let runNo = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(batchSpec, { minLength: 1, maxLength: 4 }), async (batches) => {
          runNo += 1;
          const viaBatch = await run(batchDb.db, batched, runNo, batches);
          const viaSingle = await run(singleDb.db, oneByOne, runNo, batches);
          assert.deepEqual(viaBatch, viaSingle);
          assert.deepEqual(await storedState(batchDb.db), await storedState(singleDb.db));
        }),
        { numRuns: dialect.name === 'sqlite' ? 60 : 25, endOnFailure: true },
      );
    });
  });
}
