import { createTestDatabase, eventually, TestDatabase } from '@aeo/testing';
import { Client } from 'pg';
import pino from 'pino';
import { NotificationListener } from '@aeo/platform';

/** platform's NotificationListener (tested here: platform's own tests cannot use @aeo/testing). The listener a cache relies on, against a real PostgreSQL: what it hears, and the gaps it reports. */
describe('NotificationListener', () => {
  let db: TestDatabase;
  let writer: Client;
  let listener: NotificationListener | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('aeo_listener');
    writer = new Client({ connectionString: db.url });
    await writer.connect();
  });
  afterEach(async () => {
    await listener?.close();
  });
  afterAll(async () => {
    await writer?.end();
    await db?.drop();
  });

  const connections = async () =>
    Number((await writer.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listen test_channel'`)).rows[0].n);

  it('hears what is committed, in order, reports a lost connection as a gap, listens again, and lets go on close', async () => {
    const heard: string[] = [];
    let gaps = 0;
    listener = new NotificationListener({
      url: db.url,
      channel: 'test_channel',
      onNotification: (p) => heard.push(p),
      onGap: () => gaps++,
      logger: pino({ level: 'silent' }),
      retryMs: [100, 200],
    });
    await listener.start();
    expect(listener.listening).toBe(true);
    expect(gaps).toBe(1);

    await writer.query('BEGIN');
    await writer.query(`SELECT pg_notify('test_channel', 'one')`);
    await writer.query(`SELECT pg_notify('test_channel', 'two')`);
    expect(heard).toEqual([]);
    await writer.query('COMMIT');
    await writer.query(`BEGIN; SELECT pg_notify('test_channel', 'rolled back'); ROLLBACK`);
    await eventually(() => expect(heard).toEqual(['one', 'two']));

    // Its connection ended by the server: a gap at once, then listening again (a second gap: whatever came meanwhile).
    await writer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listen test_channel'`);
    await eventually(() => expect(gaps).toBe(2));
    await eventually(() => expect(listener!.listening).toBe(true));
    expect(gaps).toBe(3);
    await writer.query(`SELECT pg_notify('test_channel', 'three')`);
    await eventually(() => expect(heard).toEqual(['one', 'two', 'three']));
    expect(await connections()).toBe(1);

    await listener.close();
    expect(listener.listening).toBe(false);
    await eventually(async () => expect(await connections()).toBe(0));
    await writer.query(`SELECT pg_notify('test_channel', 'after close')`);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['one', 'two', 'three']);
  });

  it('keeps trying while the database refuses it, and is not listening meanwhile', async () => {
    let gaps = 0;
    listener = new NotificationListener({
      url: db.url.replace(/\/[^/]+$/, '/aeo_no_such_database'),
      channel: 'test_channel',
      onNotification: () => undefined,
      onGap: () => gaps++,
      logger: pino({ level: 'silent' }),
      retryMs: [50, 100],
    });
    await listener.start();
    expect(listener.listening).toBe(false);
    await eventually(() => expect(gaps).toBeGreaterThanOrEqual(3));
    expect(listener.listening).toBe(false);
  });
});
