import { create, DescMessage, fromBinary, MessageShape, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Envelope, EnvelopeSchema } from '@aeo/contracts';
import { randomUUID } from 'node:crypto';
import { assertContractRules } from './consumer/contract-rules';
import { PermanentMessageError } from './permanent-message-error';

export { PermanentMessageError };

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
  assertContractRules(EnvelopeSchema, envelope);
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
