import { create, DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { EventDefinition } from '@aeo/contracts';
import { encodeEnvelope } from '../consumer/event-consumer.server';
import { sealEnvelope } from '../envelope';
import { TopicNames } from '../topic-names';
import { DeliveredMessage, EventTransport, Subscription } from '../transport/event-transport';

/** Publishes an event as another service would, in its envelope. */
export async function publishEvent<S extends DescMessage>(
  kafka: EventTransport,
  topics: TopicNames,
  definition: EventDefinition<S>,
  message: MessageInitShape<S>,
  meta: { aggregateId: string; sequence?: number; administration?: string; issuer?: string },
): Promise<void> {
  const envelope = sealEnvelope(definition.schema, create(definition.schema, message), {
    administration: meta.administration ?? 'ZA',
    aggregateId: meta.aggregateId,
    sequence: BigInt(meta.sequence ?? 1),
    occurredAt: new Date(),
  });
  await kafka.publish([{ topic: topics.of(definition, meta.issuer), key: meta.aggregateId, value: encodeEnvelope(envelope), headers: {} }]);
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
