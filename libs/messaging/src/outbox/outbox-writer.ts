import { DescMessage, MessageShape, toBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema, EventDefinition, Headers } from '@aeo/contracts';
import { LogContext, logContext, packedBytes, traceparentOf } from '@aeo/platform';
import { EntityManager } from 'typeorm';
import { sealEnvelope } from '../envelope';
import { TopicNames } from '../topic-names';
import { OutboxMessage } from './outbox-message.entity';

export const OUTBOX_WRITTEN = 'aeo:outbox-written';

export interface OutboxEntry<S extends DescMessage> {
  aggregateId: string;
  message: MessageShape<S>;
  correlationId?: string;
  occurredAt: Date;
  /** For federation topics: the administration the channel goes to (it comes from this one). */
  recipient?: string;
  /**
   * The steps that caused it, when not the one under way: a batch handler's message
   * (InboxContext.traceOf), or several when it carries the effects of several (a chunk of records);
   * undefined among them, the step under way.
   */
  traces?: (LogContext | undefined)[];
}

/** The trace headers of a message caused by these steps: the first's traceparent, and all of them when several. */
function traceHeaders(steps: (LogContext | undefined)[]): Record<string, string> {
  const parents = [...new Set(steps.flatMap((t) => (t?.traceId && t.spanId ? [traceparentOf({ traceId: t.traceId, spanId: t.spanId })] : [])))];
  if (parents.length === 0) return {};
  return parents.length === 1 ? { [Headers.traceparent]: parents[0] } : { [Headers.traceparent]: parents[0], [Headers.traceparents]: parents.join(',') };
}

/**
 * Adds a message to the outbox inside the caller's transaction, so the message exists if and
 * only if the change it tells of was committed. The relay publishes it afterwards.
 */
export class OutboxWriter {
  constructor(
    private readonly administration: string,
    private readonly topics: TopicNames,
  ) {}

  async append<S extends DescMessage>(
    manager: EntityManager,
    definition: EventDefinition<S>,
    entry: OutboxEntry<S>,
  ): Promise<OutboxMessage> {
    return (await this.appendMany(manager, definition, [entry]))[0];
  }

  /** Many messages at once (a snapshot, a replay): one sequence update, multi-row inserts. */
  async appendMany<S extends DescMessage>(
    manager: EntityManager,
    definition: EventDefinition<S>,
    entries: OutboxEntry<S>[],
  ): Promise<OutboxMessage[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside the transaction that makes the change');
    }
    if (entries.length === 0) return [];
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.aggregateId, (counts.get(e.aggregateId) ?? 0) + 1);
    const rows: { aggregate_id: string; last_sequence: string }[] = await manager.query(
      `INSERT INTO aggregate_sequence (aggregate_id, last_sequence)
       SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = aggregate_sequence.last_sequence + EXCLUDED.last_sequence
       RETURNING aggregate_id, last_sequence`,
      [[...counts.keys()], [...counts.values()]],
    );
    // Each aggregate's messages take the numbers after the ones it had, in the order given.
    const next = new Map(rows.map((r) => [r.aggregate_id, BigInt(r.last_sequence) - BigInt(counts.get(r.aggregate_id)!) + 1n]));
    // The step under way (an HTTP request, a message handled): the messages it writes are its children.
    const current = logContext.getStore();
    const messages = entries.map((entry) => {
      const sequence = next.get(entry.aggregateId)!;
      next.set(entry.aggregateId, sequence + 1n);
      const envelope = sealEnvelope(definition.schema, entry.message, {
        administration: this.administration,
        aggregateId: entry.aggregateId,
        sequence,
        correlationId: entry.correlationId,
        occurredAt: entry.occurredAt,
      });
      return Object.assign(new OutboxMessage(), {
        id: envelope.messageId,
        topic: this.topics.of(definition, entry.recipient ? { from: this.administration, to: entry.recipient } : undefined),
        key: entry.aggregateId,
        value: Buffer.from(toBinary(EnvelopeSchema, envelope)),
        headers: {
          [Headers.messageId]: envelope.messageId,
          [Headers.type]: envelope.type,
          [Headers.correlationId]: envelope.correlationId,
          [Headers.administration]: envelope.administration,
          ...traceHeaders((entry.traces ?? [current]).map((t) => t ?? current)),
        },
      });
    });
    // One statement for any number of rows (the same text each time: a prepared statement), in the
    // order given (their positions are the publication order), the envelopes' bytes as one binary parameter.
    for (let i = 0; i < messages.length; i += 1000) {
      const slice = messages.slice(i, i + 1000);
      const values = packedBytes(slice.map((m) => m.value));
      await manager.query(
        `INSERT INTO outbox (id, topic, key, value, headers)
         SELECT u.id, u.topic, u.key, substring($4::bytea FROM u.at FOR u.length), u.headers
         FROM unnest($1::uuid[], $2::text[], $3::text[], $5::int[], $6::int[], $7::jsonb[]) WITH ORDINALITY AS u(id, topic, key, at, length, headers, n)
         ORDER BY u.n`,
        [slice.map((m) => m.id), slice.map((m) => m.topic), slice.map((m) => m.key), values.bytes, values.at, values.length, slice.map((m) => JSON.stringify(m.headers))],
      );
    }
    // OutboxCommitSubscriber wakes the relay once this transaction has committed.
    manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
    return messages;
  }
}
