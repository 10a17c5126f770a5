import { create, DescMessage, fromBinary, MessageShape, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Envelope, EnvelopeSchema } from '@aeo/contracts';
import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message that can never be handled, whatever the retries: it goes to the dead letter. */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

export function sealEnvelope<S extends DescMessage>(
  schema: S,
  message: MessageShape<S>,
  meta: { administration: string; aggregateId: string; sequence: bigint; correlationId?: string; occurredAt: Date },
): Envelope {
  return create(EnvelopeSchema, {
    messageId: randomUUID(),
    type: schema.typeName,
    administration: meta.administration,
    aggregateId: meta.aggregateId,
    sequence: meta.sequence,
    occurredAt: timestampFromDate(meta.occurredAt),
    correlationId: meta.correlationId ?? randomUUID(),
    payload: toBinary(schema, message),
  });
}

/** Decodes and checks an envelope; throws PermanentMessageError saying what is wrong. */
export function openEnvelope(bytes: Uint8Array): Envelope {
  let envelope: Envelope;
  try {
    envelope = fromBinary(EnvelopeSchema, bytes);
  } catch (e) {
    throw new PermanentMessageError(`undecodable envelope: ${(e as Error).message}`);
  }
  const problems: string[] = [];
  if (!UUID.test(envelope.messageId)) problems.push('message_id must be a UUID');
  if (!envelope.type) problems.push('type is required');
  if (!/^[A-Z]{2}$/.test(envelope.administration)) problems.push('administration must be an ISO 3166 alpha-2 code');
  if (!envelope.aggregateId) problems.push('aggregate_id is required');
  if (envelope.sequence < 1n) problems.push('sequence must be 1 or more');
  if (!envelope.occurredAt) problems.push('occurred_at is required');
  if (problems.length) throw new PermanentMessageError(`invalid envelope: ${problems.join('; ')}`);
  return envelope;
}

/** Decodes the payload as the schema the handler expects; a type mismatch is permanent. */
export function openPayload<S extends DescMessage>(schema: S, envelope: Envelope): MessageShape<S> {
  if (envelope.type !== schema.typeName) {
    throw new PermanentMessageError(`unexpected message type ${envelope.type}; this topic carries ${schema.typeName}`);
  }
  try {
    return fromBinary(schema, envelope.payload);
  } catch (e) {
    throw new PermanentMessageError(`undecodable ${schema.typeName} payload: ${(e as Error).message}`);
  }
}
