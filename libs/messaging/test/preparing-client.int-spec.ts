import { createTestDatabase, TestDatabase } from '@aeo/testing';
import { Pool } from 'pg';
import { PreparingClient, STATEMENTS_PER_CONNECTION } from '@aeo/platform';

/** platform's PreparingClient (tested here: platform's own tests cannot use @aeo/testing), against a real PostgreSQL. */
describe('PreparingClient', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('aeo_preparing');
    // One connection, so that what it holds is what pg_prepared_statements shows.
    pool = new Pool({ connectionString: db.url, max: 1, Client: PreparingClient });
    await pool.query(`CREATE TABLE item (id int PRIMARY KEY, name text)`);
    await pool.query(`INSERT INTO item VALUES (1, 'one'), (2, 'two')`);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const prepared = async () =>
    (await pool.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time`)).rows as { name: string; statement: string }[];

  it('prepares a statement with parameters on its second sighting, and answers the same each time', async () => {
    const text = `SELECT name FROM item WHERE id = $1`;
    const answers = [];
    for (const id of [1, 2, 1]) answers.push((await pool.query(text, [id])).rows[0].name);
    expect(answers).toEqual(['one', 'two', 'one']);
    const same = (await prepared()).filter((s) => s.statement === text);
    expect(same).toHaveLength(1);
    expect(same[0].name).toMatch(/^aeo_/);
    // As TypeORM sends it: a checked-out client, the promise awaited.
    const client = await pool.connect();
    try {
      const byName = `SELECT id FROM item WHERE name = $1`;
      for (const name of ['two', 'two']) expect((await client.query(byName, [name])).rows).toEqual([{ id: 2 }]);
      const held = (await client.query(`SELECT statement FROM pg_prepared_statements`)).rows as { statement: string }[];
      expect(held.filter((s) => s.statement === byName)).toHaveLength(1);
    } finally {
      client.release();
    }
    // Without parameters (BEGIN, COMMIT, this one): the simple protocol, never prepared.
    await pool.query(`SELECT count(*) FROM item`);
    await pool.query(`SELECT count(*) FROM item`);
    expect((await prepared()).some((s) => s.statement === `SELECT count(*) FROM item`)).toBe(false);
  });

  it('keeps answering after the table it reads changed, and reports a statement that fails each time it is sent', async () => {
    const text = `SELECT id, name FROM item WHERE id = $1`;
    await pool.query(text, [1]);
    await pool.query(text, [1]);
    await pool.query(`ALTER TABLE item ADD COLUMN note text DEFAULT 'n'`);
    expect((await pool.query(text, [2])).rows).toEqual([{ id: 2, name: 'two' }]);
    const wrong = `SELECT nothing FROM item WHERE id = $1`;
    for (let i = 0; i < 3; i++) await expect(pool.query(wrong, [1])).rejects.toThrow(/column "nothing" does not exist/);
    expect((await pool.query(text, [1])).rows).toEqual([{ id: 1, name: 'one' }]);
  });

  it(`holds at most ${STATEMENTS_PER_CONNECTION} statements on a connection; past them, statements go unnamed and still answer`, async () => {
    for (let n = 0; n < STATEMENTS_PER_CONNECTION + 50; n++) {
      const text = `SELECT $1::int + ${n} AS sum`;
      expect((await pool.query(text, [1])).rows[0].sum).toBe(n + 1);
      expect((await pool.query(text, [2])).rows[0].sum).toBe(n + 2);
    }
    const held = await prepared();
    expect(held.length).toBe(STATEMENTS_PER_CONNECTION);
  });
});
