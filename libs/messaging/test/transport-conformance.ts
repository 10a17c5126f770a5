import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ConsentChanged, ConsentChangedSchema, Events, Headers } from '@aeo/contracts';
import { createTestDatabase, eventually, TestDatabase, uniqueNamespace } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import {
  DeliveredMessage,
  encodeEnvelope,
  EventConsumerServer,
  EventTransport,
  InboundEvent,
  InboxContext,
  MESSAGING_ENTITIES,
  onEvent,
  OutboxRelay,
  OutboxWriter,
  sealEnvelope,
  TopicNames,
} from '../src';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A consumer as a service would have it: a handler registered as @EventPattern would be. */
function consumerFor(
  options: { dataSource: DataSource; transport: EventTransport; topics: TopicNames },
  handle: (event: InboundEvent<ConsentChanged>, ctx: InboxContext) => Promise<void>,
): EventConsumerServer {
  const server = new EventConsumerServer({
    consumer: 'conformance',
    dataSource: options.dataSource,
    transport: options.transport,
    topics: options.topics,
    logger,
    retryPolicy: { initialMs: 20, factor: 2, maxMs: 5000 },
  });
  const [pattern, extras] = onEvent(Events.consentChanged);
  server.addHandler(pattern, (event: InboundEvent<ConsentChanged>, ctx: InboxContext) => handle(event, ctx), true, extras);
  return server;
}

const listen = (server: EventConsumerServer) =>
  new Promise<void>((resolve, reject) => server.listen((e?: unknown) => (e ? reject(e) : resolve())));

function consentEnvelope(operatorId: string, sequence: number) {
  return sealEnvelope(
    ConsentChangedSchema,
    create(ConsentChangedSchema, { operatorId, shareWithPartners: sequence % 2 === 0, changedAt: timestampFromDate(new Date()) }),
    { administration: 'ZA', aggregateId: operatorId, sequence: BigInt(sequence), occurredAt: new Date() },
  );
}

/**
 * What every event transport must do, whatever it runs on: order per key, at-least-once
 * delivery with no double effect through the inbox, resume from the committed position after
 * a restart, and a poison message ends in the dead letter with its reason.
 */
export function describeTransportConformance(name: string, makeTransport: (db: TestDatabase) => EventTransport): void {
  describe(`event transport conformance: ${name}`, () => {
    let db: TestDatabase;
    let dataSource: DataSource;
    const open: { close(): Promise<unknown> }[] = [];

    beforeAll(async () => {
      db = await createTestDatabase('aeo_conformance');
      dataSource = new DataSource({
        type: 'postgres',
        url: db.url,
        entities: MESSAGING_ENTITIES,
        synchronize: true, // the lib's own tables for this test; services create them by migration
      });
      await dataSource.initialize();
      await dataSource.query('CREATE TABLE effect (message_id uuid NOT NULL, operator_id uuid NOT NULL)');
    });

    afterEach(async () => {
      while (open.length) await open.pop()!.close();
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    const setUp = async () => {
      const transport = makeTransport(db);
      await transport.connect();
      open.push(transport);
      return { transport, topics: new TopicNames(uniqueNamespace('conf')) };
    };

    it('delivers messages with one key in the order they were published', async () => {
      const { transport, topics } = await setUp();
      const topic = topics.of(Events.consentChanged);
      const keys = ['a', 'b', 'c'];
      for (let batch = 0; batch < 6; batch++) {
        await transport.publish(
          keys.flatMap((key) =>
            [0, 1, 2, 3, 4].map((i) => ({ topic, key, value: Buffer.from(String(batch * 5 + i)), headers: {} })),
          ),
        );
      }
      const seen: Record<string, number[]> = { a: [], b: [], c: [] };
      open.push(
        await transport.subscribe({
          groupId: `${topics.namespace}.order`,
          topics: [topic],
          handle: async (m) => void seen[m.key].push(Number(m.value.toString())),
        }),
      );
      const expected = Array.from({ length: 30 }, (_, i) => i);
      await eventually(() => keys.forEach((k) => expect(seen[k]).toEqual(expected)));
    });

    it('has each message take effect once, despite redelivery and failing handlers (outbox to inbox)', async () => {
      const { transport, topics } = await setUp();
      const relay = new OutboxRelay(dataSource, transport, logger, { pollIntervalMs: 50 });
      const writer = new OutboxWriter('ZA', topics);
      relay.start();
      open.push({ close: () => relay.stop() });
      const operatorIds = Array.from({ length: 10 }, () => randomUUID());
      for (const operatorId of operatorIds) {
        await dataSource.transaction((manager) =>
          writer.append(manager, Events.consentChanged, {
            aggregateId: operatorId,
            occurredAt: new Date(),
            message: create(ConsentChangedSchema, { operatorId, shareWithPartners: true }),
          }),
        );
      }
      // The same messages published again, as a relay that crashed before marking them would.
      const outbox: { topic: string; key: string; value: Buffer; headers: Record<string, string> }[] = await eventually(async () => {
        const rows = await dataSource.query(`SELECT topic, key, value, headers FROM outbox WHERE published_at IS NOT NULL`);
        expect(rows.length).toBeGreaterThanOrEqual(10);
        return rows;
      });
      await transport.publish(outbox.filter((r) => r.topic === topics.of(Events.consentChanged)));

      const failures = new Map<string, number>();
      const server = consumerFor({ dataSource, transport, topics }, async (event, ctx) => {
        const id = event.message.operatorId;
        if ((failures.get(id) ?? 0) < 2 && id === operatorIds[3]) {
          failures.set(id, (failures.get(id) ?? 0) + 1);
          throw new Error('a passing failure');
        }
        await ctx.manager.query('INSERT INTO effect (message_id, operator_id) VALUES ($1, $2)', [
          event.envelope.messageId,
          id,
        ]);
      });
      await listen(server);
      open.push(server);
      await eventually(async () => {
        const effects = await dataSource.query(
          `SELECT operator_id, count(*)::int AS n FROM effect WHERE operator_id = ANY($1::uuid[]) GROUP BY operator_id`,
          [operatorIds],
        );
        expect(effects).toHaveLength(10);
        effects.forEach((e: { n: number }) => expect(e.n).toBe(1));
      });
      expect(failures.get(operatorIds[3])).toBe(2);
    });

    it('resumes from the committed position after a restart', async () => {
      const { transport, topics } = await setUp();
      const topic = topics.of(Events.consentChanged);
      const first: string[] = Array.from({ length: 5 }, () => randomUUID());
      const second: string[] = Array.from({ length: 5 }, () => randomUUID());
      const publish = (ids: string[]) =>
        transport.publish(ids.map((id, i) => ({ topic, key: id, value: encodeEnvelope(consentEnvelope(id, i + 1)), headers: {} })));
      const handled: string[] = [];
      const makeServer = () =>
        consumerFor({ dataSource, transport, topics }, async (event) => void handled.push(event.message.operatorId));

      await publish(first);
      const one = makeServer();
      await listen(one);
      await eventually(() => expect(handled).toEqual(expect.arrayContaining(first)));
      await one.close();

      await publish(second);
      const before = handled.length;
      const two = makeServer();
      await listen(two);
      open.push(two);
      await eventually(() => expect(handled.slice(before)).toEqual(expect.arrayContaining(second)));
      // Nothing already handled was handled again: the position was committed before the restart.
      expect(handled.slice(before).filter((id) => first.includes(id))).toEqual([]);
    });

    it('sends a poison message to the dead letter with its reason, and goes on', async () => {
      const { transport, topics } = await setUp();
      const topic = topics.of(Events.consentChanged);
      const good: string = randomUUID();
      const wrongType = sealEnvelope(Events.operatorRegistered.schema, create(Events.operatorRegistered.schema, {}), {
        administration: 'ZA',
        aggregateId: 'x',
        sequence: 1n,
        occurredAt: new Date(),
      });
      const invalid = consentEnvelope('not-a-uuid', 1);
      await transport.publish([
        { topic, key: 'p1', value: Buffer.from('this is not protobuf'), headers: { note: 'garbage' } },
        { topic, key: 'p2', value: encodeEnvelope(wrongType), headers: {} },
        { topic, key: 'p3', value: encodeEnvelope(invalid), headers: {} },
        { topic, key: good, value: encodeEnvelope(consentEnvelope(good, 1)), headers: {} },
      ]);
      const handled: string[] = [];
      const server = consumerFor({ dataSource, transport, topics }, async (event) => void handled.push(event.message.operatorId));
      await listen(server);
      open.push(server);

      const dead: DeliveredMessage[] = [];
      open.push(
        await transport.subscribe({
          groupId: `${topics.namespace}.dead-letter-reader`,
          topics: [topics.deadLetter],
          handle: async (m) => void dead.push(m),
        }),
      );
      await eventually(() => {
        expect(handled).toEqual([good]);
        expect(dead).toHaveLength(3);
      });
      const reasons = Object.fromEntries(dead.map((m) => [m.key, m.headers[Headers.deadLetterReason]]));
      expect(reasons.p1).toMatch(/undecodable envelope/);
      expect(reasons.p2).toMatch(/unexpected message type aeo.operator_registry.v1.OperatorRegistered/);
      expect(reasons.p3).toMatch(/operator_id: must be a valid UUID/);
      expect(dead.find((m) => m.key === 'p1')!.value.toString()).toBe('this is not protobuf');
      expect(dead.every((m) => m.headers[Headers.deadLetterSourceTopic] === topic)).toBe(true);
    });
  });
}
