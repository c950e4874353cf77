import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { wordHash } from './tokenise.js';
import { WordTable } from './word-table.js';

// Few short words, so that random operations often add, remove and re-add the same ones and share hash buckets.
const word = fc.stringMatching(/^[a-d0-9]{1,4}$/);
const operation = fc.oneof(
  fc.tuple(fc.constant<'set'>('set'), word, fc.integer()),
  fc.tuple(fc.constant<'delete'>('delete'), word, fc.constant(0)),
);

describe('WordTable', () => {
  it('holds what a Map holds, through any sequence of sets and deletes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), fc.array(word, { maxLength: 20 }), (operations, probes) => {
        const table = new WordTable<number>();
        const map = new Map<string, number>();
        for (const [kind, key, value] of operations) {
          if (kind === 'set') {
            table.set(key, value);
            map.set(key, value);
          } else assert.equal(table.delete(key), map.delete(key));
        }
        assert.equal(table.size, map.size);
        for (const key of [...probes, ...map.keys()]) {
          assert.equal(table.get(key), map.get(key));
          // The same word found as a range of a longer text, in capitals.
          const text = `x ${key.toUpperCase()} y`;
          assert.equal(table.getRange(text, 2, 2 + key.length, wordHash(key)), map.get(key));
        }
      }),
    );
  });

  it('finds a range only when its length is that of the word', () => {
    const table = new WordTable<string>();
    table.set('ab', 'found');
    assert.equal(table.getRange('abc', 0, 2, wordHash('ab')), 'found');
    assert.equal(table.getRange('abc', 0, 3, wordHash('ab')), undefined);
  });
});
