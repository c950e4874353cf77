import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { reusingStatements } from './sqlite-statements.js';

describe('reusingStatements', () => {
  it('prepares each SQL text once while it is among the most recently used', () => {
    const connection = new SQLite(':memory:');
    const database = reusingStatements(connection, 2);
    const first = database.prepare('select 1');
    assert.equal(database.prepare('select 1'), first);
    database.prepare('select 2');
    assert.equal(database.prepare('select 1'), first, 'used again, so it is the last to go');
    database.prepare('select 3');
    assert.equal(database.prepare('select 1'), first, 'select 2 went instead');
    database.prepare('select 2');
    database.prepare('select 4');
    assert.notEqual(database.prepare('select 1'), first, 'dropped, so prepared again');
    database.close();
    assert.equal(connection.open, false);
  });

  it('answers as a fresh statement would when the same query runs again, after the schema changed too', async () => {
    const db = new Kysely<{ notes: { id: number; body: string } }>({ dialect: new SqliteDialect({ database: reusingStatements(new SQLite(':memory:')) }) });
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    const insert = (id: number, body: string) => db.insertInto('notes').values({ id, body }).execute();
    const all = () => sql<Record<string, unknown>>`select * from notes order by id`.execute(db).then((result) => result.rows);
    await insert(1, 'one');
    await insert(2, 'two');
    assert.deepEqual(await all(), [{ id: 1, body: 'one' }, { id: 2, body: 'two' }]);
    await sql`alter table notes add column seen integer not null default 0`.execute(db);
    assert.deepEqual(await all(), [{ id: 1, body: 'one', seen: 0 }, { id: 2, body: 'two', seen: 0 }]);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('notes').where('id', '=', 1).execute();
      await trx.deleteFrom('notes').where('id', '=', 2).execute();
    });
    assert.deepEqual(await all(), []);
    await db.destroy();
  });
});
