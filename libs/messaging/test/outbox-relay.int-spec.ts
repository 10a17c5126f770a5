import { create } from '@bufbuild/protobuf';
import { ConsentChangedSchema, Events } from '@aeo/contracts';
import { createTestDatabase, eventually, TestDatabase, uniqueNamespace } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventTransport, MESSAGING_ENTITIES, OutboxCommitSubscriber, OutboxRelay, OutboxWriter, TopicNames, TransportMessage } from '../src';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A transport that keeps what it was given, refusing the first `failures` publications. */
class RecordingTransport implements EventTransport {
  readonly kind = 'embedded' as const;
  readonly published: TransportMessage[] = [];
  /** What each publication carried. */
  readonly batches: TransportMessage[][] = [];
  publications = 0;
  constructor(private failures = 0) {}
  async connect(): Promise<void> {
    return undefined;
  }
  async ensureTopics(): Promise<void> {
    return undefined;
  }
  async publish(messages: TransportMessage[]) {
    this.publications++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker away');
    }
    this.published.push(...messages);
    this.batches.push(messages);
  }
  async subscribe(): Promise<never> {
    throw new Error('not used');
  }
  async ping(): Promise<void> {
    return undefined;
  }
  async close(): Promise<void> {
    return undefined;
  }
}

/**
 * The relay is woken by the commits of its own process and otherwise looks only every so often
 * (10 s by default); these tests give it a minute, so that what they see cannot come from a poll.
 */
describe('outbox relay: wakes, waits and retries without polling', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const topics = new TopicNames(uniqueNamespace('relay'));
  const writer = new OutboxWriter('ZA', topics);
  const relays: OutboxRelay[] = [];

  const relayOn = (transport: EventTransport) => {
    const relay = new OutboxRelay(dataSource, transport, logger, { pollIntervalMs: 60_000, retryPolicy: { initialMs: 300, factor: 2, maxMs: 5000 } });
    relays.push(relay);
    return relay;
  };
  /** A relay woken by this data source's commits, started, its first look (at start) over and empty: what follows comes from wake-ups. */
  const startedIdle = async () => {
    const transport = new RecordingTransport();
    const relay = relayOn(transport);
    dataSource.subscribers.push(new OutboxCommitSubscriber(relay));
    const passes = jest.spyOn(relay, 'publishDue');
    relay.start();
    await eventually(() => expect(passes).toHaveBeenCalledTimes(1));
    expect(await passes.mock.results[0].value).toEqual({ published: 0 });
    return { transport, passes };
  };
  const write = (operatorId = randomUUID(), occurredAt = new Date()) =>
    dataSource.transaction((manager) =>
      writer.append(manager, Events.consentChanged, {
        aggregateId: operatorId,
        occurredAt,
        message: create(ConsentChangedSchema, { operatorId, shareWithPartners: true }),
      }),
    );

  beforeAll(async () => {
    db = await createTestDatabase('aeo_relay');
    dataSource = new DataSource({ type: 'postgres', url: db.url, entities: MESSAGING_ENTITIES, synchronize: true });
    await dataSource.initialize();
  });

  afterEach(async () => {
    while (relays.length) await relays.pop()!.stop();
    dataSource.subscribers.splice(0);
    await dataSource.query('DELETE FROM outbox');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('publishes a row as soon as the transaction that wrote it commits', async () => {
    // What follows can come only from the commit's wake-up.
    const { transport } = await startedIdle();
    const written = await write();
    await eventually(() => expect(transport.published.map((m) => m.key)).toEqual([written.key]), { timeoutMs: 5000 });
  });

  it('after a pass that published every row there was, waits to be woken instead of looking again', async () => {
    const { transport, passes } = await startedIdle();
    const first = await write();
    await eventually(() => expect(transport.published).toHaveLength(1), { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 1000));
    // The look at start and the one the commit woke: none more to find the outbox empty.
    expect(passes).toHaveBeenCalledTimes(2);
    expect(await passes.mock.results[1].value).toEqual({ published: 1, more: false });
    // The next commit wakes it again.
    const second = await write();
    await eventually(() => expect(transport.published.map((m) => m.key)).toEqual([first.key, second.key]), { timeoutMs: 5000 });
    expect(passes).toHaveBeenCalledTimes(3);
  });

  it('tries again soon when another relay holds the lock, not at the next poll', async () => {
    const transport = new RecordingTransport();
    const relay = relayOn(transport);
    dataSource.subscribers.push(new OutboxCommitSubscriber(relay));
    // Another replica's relay, publishing: it holds the schema's relay lock.
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay'))`);
    relay.start();
    const written = await write();
    await new Promise((r) => setTimeout(r, 500));
    expect(transport.published).toHaveLength(0); // the lock is held: nothing sent twice or out of order
    const released = Date.now();
    await other.commitTransaction();
    await other.release();
    await eventually(() => expect(transport.published.map((m) => m.key)).toEqual([written.key]), { timeoutMs: 5000 });
    expect(Date.now() - released).toBeLessThan(5000);
  });

  it('sends a row the broker refused again when its backoff ends, and marks it published', async () => {
    const transport = new RecordingTransport(1);
    const relay = relayOn(transport);
    dataSource.subscribers.push(new OutboxCommitSubscriber(relay));
    relay.start();
    const written = await write();
    await eventually(() => expect(transport.publications).toBe(1));
    const [{ attempts }] = await dataSource.query(`SELECT attempts FROM outbox WHERE id = $1`, [written.id]);
    expect(attempts).toBe(1);
    // Nothing wakes it: the relay sleeps until the row is due (300 ms), not until the next poll.
    await eventually(() => expect(transport.published.map((m) => m.key)).toEqual([written.key]), { timeoutMs: 5000 });
    await eventually(async () => {
      const [row] = await dataSource.query(`SELECT published_at FROM outbox WHERE id = $1`, [written.id]);
      expect(row.published_at).not.toBeNull();
    });
  });

  it('publishes a backlog in order, a pass holding no more than its bytes (and the row that crosses them)', async () => {
    // One instant for all (its encoding's length depends on the milliseconds): ten rows of one size.
    const at = new Date('2026-11-30T12:00:00.123Z');
    const written = [];
    for (let i = 0; i < 10; i++) written.push(await write(randomUUID(), at));
    const size = written[0].value.length;
    expect(written.every((w) => w.value.length === size)).toBe(true);
    const transport = new RecordingTransport();
    const relay = new OutboxRelay(dataSource, transport, logger, { pollIntervalMs: 60_000, batchBytes: 3 * size });
    relays.push(relay);
    relay.start();
    await eventually(() => expect(transport.published).toHaveLength(10), { timeoutMs: 5000 });
    expect(transport.published.map((m) => m.key)).toEqual(written.map((w) => w.key));
    // A row is read while the bytes before it in the pass are under the limit: three rows a pass.
    expect(transport.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    const [{ unpublished }] = await dataSource.query(`SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`);
    expect(unpublished).toBe(0);
  });

  it('publishes what is written after PostgreSQL ended every connection (a restart, say)', async () => {
    const transport = new RecordingTransport();
    const relay = relayOn(transport);
    dataSource.subscribers.push(new OutboxCommitSubscriber(relay));
    relay.start();
    const first = await write();
    await eventually(() => expect(transport.published).toHaveLength(1), { timeoutMs: 5000 });
    // Its pass committed (or ending it now would rightly publish the row again).
    await eventually(async () => expect((await dataSource.query(`SELECT published_at FROM outbox WHERE id = $1`, [first.id]))[0].published_at).not.toBeNull());
    // Every other connection to the database ended: the pool's, which the relay's passes take theirs from.
    const killer = new Client({ connectionString: db.url });
    await killer.connect();
    const [{ ended }] = (await killer.query(`SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows;
    await killer.end();
    expect(ended).toBeGreaterThan(0);
    const second = await eventually(() => write(), { timeoutMs: 5000 });
    await eventually(() => expect(transport.published.map((m) => m.key)).toEqual([first.key, second.key]), { timeoutMs: 5000 });
  });

  it('does not look while nothing happens (its default poll is 10 s)', async () => {
    const transport = new RecordingTransport();
    const relay = new OutboxRelay(dataSource, transport, logger);
    relays.push(relay);
    const passes = jest.spyOn(relay, 'publishDue');
    relay.start();
    await new Promise((r) => setTimeout(r, 2000));
    expect(passes).toHaveBeenCalledTimes(1); // the look at start; the next is 10 s away
    expect(transport.publications).toBe(0);
  });
});
