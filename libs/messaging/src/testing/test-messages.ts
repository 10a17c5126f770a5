import { create, DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { EventDefinition, OperatorRegisteredSchema } from '@aeo/contracts';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { encodeEnvelope } from '../consumer/event-consumer.server';
import { sealEnvelope } from '../envelope';
import { TopicNames } from '../topic-names';
import { DeliveredMessage, EventTransport, Subscription } from '../transport/event-transport';

/**
 * Publishes an event as another service would, in its envelope; returns the message's id. A
 * federation event goes on the channel from `from` (by default the sender) to `recipient`.
 */
export async function publishEvent<S extends DescMessage>(
  kafka: EventTransport,
  topics: TopicNames,
  definition: EventDefinition<S>,
  message: MessageInitShape<S>,
  meta: PublishMeta,
): Promise<string> {
  const [id] = await publishEvents(kafka, topics, definition, [message], meta);
  return id;
}

type PublishMeta = { aggregateId: string; sequence?: number; administration?: string; recipient?: string; from?: string; copies?: number; headers?: Record<string, string>; occurredAt?: Date };

/**
 * Publishes several events by one request, so that they land together on the topic (a consumer
 * then takes them in one batch, as it does a snapshot's chunks); their ids, in order.
 */
export async function publishEvents<S extends DescMessage>(
  kafka: EventTransport,
  topics: TopicNames,
  definition: EventDefinition<S>,
  messages: MessageInitShape<S>[],
  meta: PublishMeta,
): Promise<string[]> {
  const topic = topics.of(definition, meta.recipient ? { from: meta.from ?? meta.administration ?? 'ZA', to: meta.recipient } : undefined);
  const envelopes = messages.map((message) =>
    sealEnvelope(definition.schema, create(definition.schema, message), {
      administration: meta.administration ?? 'ZA',
      aggregateId: meta.aggregateId,
      sequence: BigInt(meta.sequence ?? 1),
      occurredAt: meta.occurredAt ?? new Date(),
    }),
  );
  // `copies` sends each message again, as a redelivery would (same id, same bytes).
  const deliveries = envelopes.flatMap((envelope) =>
    Array.from({ length: meta.copies ?? 1 }, () => ({ topic, key: meta.aggregateId, value: encodeEnvelope(envelope), headers: meta.headers ?? {} })),
  );
  await kafka.publish(deliveries);
  return envelopes.map((e) => e.messageId);
}

/** Collects what lands on the service's dead-letter topic. */
export async function readDeadLetters(
  kafka: EventTransport,
  topics: TopicNames,
): Promise<{ messages: DeliveredMessage[]; subscription: Subscription }> {
  const messages: DeliveredMessage[] = [];
  const subscription = await kafka.subscribe({
    groupId: `${topics.namespace}.dead-letter-reader`,
    topics: [topics.deadLetter],
    handle: async (m) => void messages.push(m),
  });
  return { messages, subscription };
}

/**
 * An operator registration as operator-registry writes it: every field its contract requires
 * (proto/aeo/operator_registry/v1/events.proto), so that a test states only what it is about.
 */
export function registeredOperator(
  fields: MessageInitShape<typeof OperatorRegisteredSchema> & { operatorId: string },
): MessageInitShape<typeof OperatorRegisteredSchema> {
  return {
    legalName: 'Test Operator (Pty) Ltd',
    address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: 'ZA' },
    identifiers: [{ scheme: 'TIN', value: fields.operatorId.replace(/-/g, '').slice(0, 10), issuer: 'ZA' }],
    registeredAt: timestampNow(),
    registeredBy: 'trader-test',
    ...fields,
  } as MessageInitShape<typeof OperatorRegisteredSchema>;
}
