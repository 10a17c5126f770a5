import { DescMessage, MessageShape, toBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema, EventDefinition, Headers } from '@aeo/contracts';
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
  /** For federation topics: whose topic. */
  issuer?: string;
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
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside the transaction that makes the change');
    }
    const [{ last_sequence }] = await manager.query(
      `INSERT INTO aggregate_sequence (aggregate_id, last_sequence) VALUES ($1, 1)
       ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = aggregate_sequence.last_sequence + 1
       RETURNING last_sequence`,
      [entry.aggregateId],
    );
    const envelope = sealEnvelope(definition.schema, entry.message, {
      administration: this.administration,
      aggregateId: entry.aggregateId,
      sequence: BigInt(last_sequence),
      correlationId: entry.correlationId,
      occurredAt: entry.occurredAt,
    });
    const row = manager.create(OutboxMessage, {
      id: envelope.messageId,
      topic: this.topics.of(definition, entry.issuer),
      key: entry.aggregateId,
      value: Buffer.from(toBinary(EnvelopeSchema, envelope)),
      headers: {
        [Headers.messageId]: envelope.messageId,
        [Headers.type]: envelope.type,
        [Headers.correlationId]: envelope.correlationId,
        [Headers.administration]: envelope.administration,
      },
    });
    await manager.insert(OutboxMessage, row);
    // OutboxCommitSubscriber wakes the relay once this transaction has committed.
    manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
    return row;
  }
}
