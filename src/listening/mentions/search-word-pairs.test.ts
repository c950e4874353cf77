import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { searchTextOf, searchTokensOf } from './search-text.js';
import { wordPairsOf, wordPairsTsquery } from './search-word-pairs.js';

describe('word pairs', () => {
  it('are the neighbouring words of a phrase, none for a word', () => {
    assert.deepEqual(wordPairsOf({ words: ['heol', 'y', 'parc'] }), ['heol y', 'y parc']);
    assert.deepEqual(wordPairsOf({ words: ['bins'] }), []);
  });

  it('are all required in the tsquery, quoted', () => {
    assert.equal(wordPairsTsquery([{ words: ['bins'] }, { words: ['council', 'tax'] }, { words: ['heol', 'y', 'parc'] }]), "'council tax' & 'heol y' & 'y parc'");
    assert.equal(wordPairsTsquery([{ words: ['bins'] }]), undefined);
    assert.equal(wordPairsTsquery([{ words: ["it's", 'a\\b'] }]), "'it\\'s a\\\\b'");
  });
});

for (const dialect of testDialects().filter((d) => d.name === 'postgres')) {
  describe('word pairs stored by PostgreSQL', () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await dialect.open();
    });
    after(() => handle.close());

    it('are the pairs a phrase of the same words looks for', async () => {
      const text = fc.array(fc.constantFrom('Heol', 'y', 'Parc', 'ffôn', '😡', '07700', 'bins', ' ', '  ', '.', '-', "'"), { maxLength: 12 }).map((parts) => parts.join(''));
      await fc.assert(
        fc.asyncProperty(fc.oneof(text, fc.string({ maxLength: 40 })), async (input) => {
          const { rows } = await sql<{ pairs: string[] }>`select mention_word_pairs(${searchTextOf(input)}) as pairs`.execute(handle.db);
          const expected = wordPairsOf({ words: searchTokensOf(input).map((token) => token.word) });
          assert.deepEqual([...(rows[0]?.pairs ?? [])].sort(), expected.sort());
        }),
        { numRuns: 200 },
      );
    });
  });
}
