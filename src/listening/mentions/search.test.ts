import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { mentionInput, type MentionSpec } from './mention-fixtures.js';
import { storeMention } from './mention-store.js';
import { type SearchOptions, searchMentions } from './search.js';

const hour = (h: number): string => new Date(Date.UTC(2026, 10, 1, h)).toISOString();

/** The stored mentions, by a name the tests use. */
const specs: Record<string, MentionSpec> = {
  binsShort: { text: 'Bins bins bins!', createdAt: hour(1), watchIds: ['waste'] },
  binsLong: { text: 'A long day at the council offices today, lots of meetings about parking and roads, and the bins too.', createdAt: hour(2), watchIds: ['waste', 'roads'] },
  notCollected: { text: 'Bins not collected again on our street 😡', createdAt: hour(3), sentiment: -0.7, watchIds: ['waste'] },
  collectedNot: { text: 'Collected the kids, not the bins', createdAt: hour(4), watchIds: ['waste'] },
  welsh: { text: "Mae'r llyfrgell yng Nghaerdydd ar gau. Ffoniwch y ffôn!", language: 'cy', createdAt: hour(5), sourceId: 'bsky', sourceKind: 'bluesky', watchIds: ['libraries'] },
  welshHappy: { text: 'Diolch i staff y llyfrgell, gwych 👍🏽', language: 'cy', sentiment: 0.8, createdAt: hour(6), sourceId: 'bsky', sourceKind: 'bluesky', watchIds: ['libraries'] },
  phone: { text: 'Call me about the library on 07700 900123', personalData: ['phone'], createdAt: hour(7), sourceId: 'hook', sourceKind: 'webhook', watchIds: ['libraries'] },
  rss: { text: 'Library opening hours change from Monday', createdAt: hour(8), sourceId: 'feed', sourceKind: 'rss', watchIds: ['libraries'] },
  heolParc: { text: 'Roadworks on Heol y Parc today', createdAt: hour(9), watchIds: ['streets'] },
  heolApart: { text: 'Heol y Bont is shut, and y Parc too', createdAt: hour(14), watchIds: ['streets'] },
};
/** Enough mentions at the same times to make ties, for paging. */
for (let i = 0; i < 23; i += 1) {
  specs[`filler${i}`] = { text: `Routine update number ${i} about roads and bins`, createdAt: hour(10 + (i % 4)), watchIds: ['roads'] };
}
/** Older mentions, from hours to more than a year before the newest, so that a search must reach back in steps. */
const archive = ['2026-10-31T23:00:00.000Z', '2026-10-28T09:00:00.000Z', '2026-10-10T09:00:00.000Z', '2026-07-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z', '2025-06-01T09:00:00.000Z'];
archive.forEach((createdAt, i) => {
  specs[`archive${i}`] = { text: `Archivetest item${i > 2 ? ' archivetest' : ''}`, createdAt, watchIds: ['archive'] };
});

for (const dialect of testDialects()) {
  describe(`searching mentions on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    const ids = new Map<string, string>();
    const nameOf = new Map<string, string>();
    before(async () => {
      handle = await dialect.open();
      for (const [name, spec] of Object.entries(specs)) {
        const { id } = await handle.db.transaction().execute((trx) => storeMention(trx, mentionInput(spec)));
        ids.set(name, id);
        nameOf.set(id, name);
      }
    });
    after(() => handle.close());

    const search = (options: Partial<SearchOptions>) => searchMentions(handle.db, { sort: 'newest', limit: 100, ...options });
    const names = async (options: Partial<SearchOptions>): Promise<string[]> =>
      (await search(options)).mentions.map((m) => nameOf.get(m.id) ?? m.id);
    const all = async (options: Partial<SearchOptions>, limit: number): Promise<string[]> => {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await search({ ...options, limit, after });
        assert.ok(page.mentions.length <= limit);
        seen.push(...page.mentions.map((m) => nameOf.get(m.id) ?? m.id));
        after = page.nextCursor;
      } while (after !== undefined);
      return seen;
    };

    it('finds every word, newest first, and phrases only as written', async () => {
      assert.deepEqual(await names({ text: 'bins not' }), ['collectedNot', 'notCollected']);
      assert.deepEqual(await names({ text: '"not collected"' }), ['notCollected']);
      assert.deepEqual(await names({ text: 'BINS "on our street"' }), ['notCollected']);
    });

    it('finds a phrase only where all its words stand together, though each pair of them may stand elsewhere', async () => {
      assert.deepEqual(await names({ text: '"heol y parc"' }), ['heolParc']);
      assert.deepEqual(await names({ text: '"Heol Y Parc"', sort: 'relevance' }), ['heolParc']);
      assert.deepEqual(await names({ text: '"y parc"' }), ['heolApart', 'heolParc']);
      assert.deepEqual(await names({ text: '"heol y" "y parc"' }), ['heolApart', 'heolParc']);
      assert.deepEqual(await names({ text: '"parc y heol"' }), []);
      assert.deepEqual(await names({ text: 'parc heol', watchIds: ['streets'] }), ['heolApart', 'heolParc']);
    });

    it('puts the best match first when sorting by relevance', async () => {
      const ranked = await names({ text: 'bins', sort: 'relevance', watchIds: ['waste'] });
      assert.equal(ranked[0], 'binsShort');
      assert.equal(ranked.at(-1), 'binsLong');
      assert.deepEqual([...ranked].sort(), ['binsLong', 'binsShort', 'collectedNot', 'notCollected']);
    });

    it('finds Welsh without its accents and with its accents, and emoji', async () => {
      assert.deepEqual(await names({ text: 'ffon' }), ['welsh']);
      assert.deepEqual(await names({ text: 'ffôn' }), ['welsh']);
      assert.deepEqual(await names({ text: 'llyfrgell' }), ['welshHappy', 'welsh']);
      assert.deepEqual(await names({ text: '😡' }), ['notCollected']);
      assert.deepEqual(await names({ text: '👍' }), ['welshHappy']);
    });

    it('marks the matched words in a snippet of plain text', async () => {
      const [hit] = (await search({ text: 'ffon' })).mentions;
      assert.deepEqual(hit?.snippet.filter((s) => s.match).map((s) => s.text), ['ffôn']);
      assert.equal(hit.snippet.map((s) => s.text).join(''), specs.welsh?.text);
    });

    it('filters by watch, source, source kind, language, sentiment and personal data', async () => {
      assert.deepEqual(await names({ watchIds: ['libraries'] }), ['rss', 'phone', 'welshHappy', 'welsh']);
      assert.deepEqual(await names({ watchIds: ['libraries', 'nothing'], text: 'library' }), ['rss', 'phone']);
      assert.deepEqual(await names({ sourceIds: ['bsky', 'feed'] }), ['rss', 'welshHappy', 'welsh']);
      assert.deepEqual(await names({ sourceKinds: ['webhook'] }), ['phone']);
      assert.deepEqual(await names({ languages: ['cy'] }), ['welshHappy', 'welsh']);
      assert.deepEqual(await names({ sentiment: ['negative'] }), ['notCollected']);
      assert.deepEqual(await names({ sentiment: ['positive'], languages: ['cy'] }), ['welshHappy']);
      assert.deepEqual(await names({ personalData: true }), ['phone']);
      assert.equal((await names({ personalData: false })).length, Object.keys(specs).length - 1);
      assert.deepEqual(await names({ watchIds: [], sourceIds: [] }), await names({}));
    });

    it('filters by date range, from inclusive to exclusive', async () => {
      assert.deepEqual(await names({ from: hour(3), to: hour(5) }), ['collectedNot', 'notCollected']);
      assert.deepEqual(await names({ from: hour(3), to: hour(5), text: 'collected', sort: 'relevance' }).then((n) => [...n].sort()), ['collectedNot', 'notCollected']);
    });

    it('pages through everything exactly once, newest first', async () => {
      const everything = await names({});
      assert.equal(everything.length, Object.keys(specs).length);
      for (const limit of [1, 3, 7]) assert.deepEqual(await all({}, limit), everything);
      assert.deepEqual(await all({ watchIds: ['roads'] }, 4), await names({ watchIds: ['roads'] }));
      assert.deepEqual(await all({ text: 'bins', sort: 'newest' }, 2), await names({ text: 'bins' }));
    });

    it('pages through everything exactly once by relevance', async () => {
      const ranked = await names({ text: 'bins', sort: 'relevance' });
      assert.equal(ranked.length, 27);
      for (const limit of [1, 4, 10]) assert.deepEqual(await all({ text: 'bins', sort: 'relevance' }, limit), ranked);
    });

    it('reaches back through months and years, newest first and by relevance', async () => {
      const newestFirst = archive.map((_, i) => `archive${i}`);
      assert.deepEqual(await names({ text: 'archivetest' }), newestFirst);
      assert.deepEqual(await names({ watchIds: ['archive'] }), newestFirst);
      assert.deepEqual(await all({ text: 'archivetest', watchIds: ['archive'] }, 2), newestFirst);
      assert.deepEqual(await names({ watchIds: ['archive'], from: '2026-01-01T09:00:00.000Z', to: '2026-10-28T09:00:00.000Z' }), ['archive2', 'archive3', 'archive4']);
      const ranked = await all({ text: 'archivetest', sort: 'relevance' }, 2);
      assert.deepEqual(ranked, ['archive3', 'archive4', 'archive5', 'archive0', 'archive1', 'archive2']);
    });

    it('sorts newest first when relevance is asked for without words', async () => {
      assert.deepEqual(await all({ sort: 'relevance', text: '"" ***' }, 5), await names({}));
    });

    it('never fails on whatever is typed in the search box', async () => {
      const soup = fc
        .array(fc.constantFrom('"', "'", '*', '^', ':', '(', ')', '-', '+', '&', '|', '!', '<->', '\\', 'AND', 'OR', 'NOT', 'NEAR', 'bins', 'ffôn', '😡', ' ', '\u0000', '%', '_'))
        .map((parts) => parts.join(''));
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), soup), fc.constantFrom<'newest' | 'relevance'>('newest', 'relevance'), async (text, sort) => {
          const page = await search({ text, sort, limit: 5 });
          assert.ok(page.mentions.length <= 5);
        }),
        { numRuns: 150 },
      );
    });

    it('refuses bad options and cursors with a validation error', async () => {
      const invalid = (error: unknown): boolean => error instanceof AppError && error.code === 'validation_failed';
      await assert.rejects(() => search({ limit: 0 }), invalid);
      await assert.rejects(() => search({ from: 'not a date' }), invalid);
      await assert.rejects(() => search({ after: 'garbage' }), invalid);
      const { nextCursor } = await search({ limit: 1 });
      assert.ok(nextCursor);
      await assert.rejects(() => search({ text: 'bins', sort: 'relevance', after: nextCursor }), invalid);
    });
  });
}
