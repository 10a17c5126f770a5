import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ConsentChanged, ConsentChangedSchema, Events, Headers } from '@aeo/contracts';
import { SpanExport, traceparentOf, withLogContext } from '@aeo/platform';
import { createTestDatabase, TestDatabase, uniqueNamespace } from '@aeo/testing';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { EventConsumerServer, EventTransport, InboundEvent, InboxContext, MESSAGING_ENTITIES, onEvent, OutboxWriter, TopicNames } from '../src';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * A message that carries the effects of several steps (a chunk of records, each a status change
 * of its own) names each one's trace; its handling is a span in each of them, so every change is
 * followed through it. Tested on a real PostgreSQL (the outbox) with OpenTelemetry's in-memory exporter.
 */
describe('trace headers of a message with the effects of several steps', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const topics = new TopicNames(uniqueNamespace('trace'));
  const a = { traceId: 'a'.repeat(32), spanId: '1'.repeat(16) };
  const b = { traceId: 'b'.repeat(32), spanId: '2'.repeat(16) };
  const current = { traceId: 'c'.repeat(32), spanId: '3'.repeat(16) };

  beforeAll(async () => {
    db = await createTestDatabase('aeo_trace_headers');
    dataSource = new DataSource({ type: 'postgres', url: db.url, entities: MESSAGING_ENTITIES, synchronize: true });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const consent = () => create(ConsentChangedSchema, { operatorId: randomUUID(), shareWithPartners: true, changedAt: timestampFromDate(new Date()) });

  it('writes the first trace as traceparent and every one, once each, as traceparents; the step under way where none is given', async () => {
    const writer = new OutboxWriter('ZA', topics);
    const written = await withLogContext(current, () =>
      dataSource.transaction((manager) =>
        writer.appendMany(manager, Events.consentChanged, [
          { aggregateId: 'x', occurredAt: new Date(), message: consent(), traces: [a, b, a] },
          { aggregateId: 'x', occurredAt: new Date(), message: consent(), traces: [undefined, b] },
          { aggregateId: 'x', occurredAt: new Date(), message: consent() },
          { aggregateId: 'x', occurredAt: new Date(), message: consent(), traces: [a] },
        ]),
      ),
    );
    const rows: { id: string; headers: Record<string, string> }[] = await dataSource.query(`SELECT id, headers FROM outbox ORDER BY position`);
    expect(rows.map((r) => r.id)).toEqual(written.map((m) => m.id));
    const trace = (r: { headers: Record<string, string> }) => [r.headers[Headers.traceparent], r.headers[Headers.traceparents]];
    expect(rows.map(trace)).toEqual([
      [traceparentOf(a), `${traceparentOf(a)},${traceparentOf(b)}`],
      [traceparentOf(current), `${traceparentOf(current)},${traceparentOf(b)}`],
      [traceparentOf(current), undefined],
      [traceparentOf(a), undefined],
    ]);
  });

  it('handles such a message as a span in each trace, a child of each step; the handler runs in the first', async () => {
    const memory = new InMemorySpanExporter();
    const spans = new SpanExport({ serviceName: 'bw.mra-exchange', administration: 'BW', exporter: memory });
    const server = new EventConsumerServer({ consumer: 'trace', dataSource, transport: {} as EventTransport, topics, logger, spans });
    const handled: (string | undefined)[] = [];
    const [pattern, extras] = onEvent(Events.consentChanged, { batch: true });
    server.addHandler(pattern, async (events: InboundEvent<ConsentChanged>[], ctx: InboxContext) => void handled.push(...events.map((e) => ctx.traceOf(e)?.traceId)), true, extras);
    const writer = new OutboxWriter('ZA', topics);
    await dataSource.query(`DELETE FROM outbox`);
    await dataSource.transaction((manager) =>
      writer.appendMany(manager, Events.consentChanged, [
        { aggregateId: 'y', occurredAt: new Date(), message: consent(), traces: [a, b] },
        { aggregateId: 'y', occurredAt: new Date(), message: consent(), traces: [b] },
      ]),
    );
    const rows: { key: string; value: Buffer; headers: Record<string, string> }[] = await dataSource.query(`SELECT key, value, headers FROM outbox ORDER BY position`);
    const topic = topics.of(Events.consentChanged);
    await server.deliverBatch(
      rows.map((r, i) => ({ topic, partition: 0, offset: String(i), key: r.key, value: r.value, headers: r.headers })),
      new Map([[topic, pattern]]),
    );
    await spans.flush();
    expect(handled).toEqual([a.traceId, b.traceId]);
    const sent = memory.getFinishedSpans().map((s) => [s.spanContext().traceId, s.parentSpanContext?.spanId]);
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(expect.arrayContaining([[a.traceId, a.spanId], [b.traceId, b.spanId], [b.traceId, b.spanId]]));
    await spans.shutdown();
  });
});
