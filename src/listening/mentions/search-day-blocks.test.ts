import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { testDialects } from '../../../test/support/test-databases.js';
import { type DayRange, dayBlockTokens, dayOfSeq, seqAtDay } from './search-day-blocks.js';

/** A token's days. */
function daysOf(token: string): DayRange {
  const [, level, block] = /^d(\d)n(\d+)$/u.exec(token) ?? [];
  const size = 4 ** Number(level);
  return { first: Number(block) * size, last: (Number(block) + 1) * size - 1 };
}

const dayRange = fc.tuple(fc.nat({ max: 80_000 }), fc.nat({ max: 3_000 })).map(([first, length]): DayRange => ({ first, last: first + length }));

describe('day blocks', () => {
  it('cover a range of days exactly, each day once, with few tokens', () => {
    fc.assert(
      fc.property(dayRange, (range) => {
        const tokens = dayBlockTokens(range);
        let next = range.first;
        for (const days of tokens.map(daysOf)) {
          assert.equal(days.first, next);
          next = days.last + 1;
        }
        assert.equal(next, range.last + 1);
        assert.ok(tokens.length <= 36 + (range.last - range.first) / 1024, `${tokens.length} tokens`);
      }),
    );
    assert.deepEqual(dayBlockTokens({ first: 20_776, last: 20_776 }), ['d0n20776']);
    assert.deepEqual(dayBlockTokens({ first: 20_768, last: 20_783 }), ['d2n1298']);
  });

  it('place a seq on the day it was created, from the first seq of the day', () => {
    const day = dayOfSeq(Date.parse('2026-11-20T23:59:59.999Z') * 1024 + 1023);
    assert.equal(day, dayOfSeq(seqAtDay(day)));
    assert.equal(dayOfSeq(seqAtDay(day) - 1), day - 1);
    assert.equal(new Date(day * 86_400_000).toISOString(), '2026-11-20T00:00:00.000Z');
  });
});

for (const dialect of testDialects().filter((d) => d.name === 'postgres')) {
  describe('day blocks stored by PostgreSQL', () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await dialect.open();
    });
    after(() => handle.close());

    it('meet a range of days in one token exactly when the mention was created in it', async () => {
      const seq = fc.nat({ max: 2 ** 53 - 1 });
      await fc.assert(
        fc.asyncProperty(seq, dayRange, async (mentionSeq, range) => {
          const day = dayOfSeq(mentionSeq);
          const near = { first: range.first + day - 40_000, last: range.last + day - 40_000 };
          const { rows } = await sql<{ blocks: string[] }>`select mention_day_blocks(${mentionSeq}) as blocks`.execute(handle.db);
          const shared = dayBlockTokens(near).filter((token) => rows[0]?.blocks.includes(token));
          assert.equal(shared.length, day >= near.first && day <= near.last ? 1 : 0);
        }),
        { numRuns: 200 },
      );
    });
  });
}
