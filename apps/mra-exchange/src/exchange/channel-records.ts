import { create, fromBinary } from '@bufbuild/protobuf';
import { leafHash } from '../log/merkle';
import { ChannelRecord, ChannelRecordSchema, RecognitionRecordSchema, SignedCheckpoint, SignedRecognitionRecordSchema, WithheldRecordSchema } from '@aeo/contracts';


/** A record as the issuer stored it: its bytes, signature and key, and to whom it was addressed. */
export interface IssuedRecord {
  sequence: bigint;
  record: Uint8Array;
  signature: Uint8Array;
  keyId: string;
  audience: readonly string[];
}

/**
 * What the channel to one partner carries of a record: the signed record when the partner is in
 * its audience, only its number and leaf hash otherwise. Every partner sees every number of the
 * issuer's sequence (so it detects gaps) and reads only the records addressed to it.
 */
export function channelRecordFor(recipient: string, issued: IssuedRecord, checkpoint?: SignedCheckpoint): ChannelRecord {
  if (issued.audience.includes(recipient)) {
    return create(ChannelRecordSchema, {
      entry: { case: 'record', value: create(SignedRecognitionRecordSchema, { record: issued.record, signature: issued.signature, keyId: issued.keyId }) },
      checkpoint,
    });
  }
  return withheldFor(issued, checkpoint);
}

/** A record the recipient may not read: its number and leaf hash. */
export function withheldFor(issued: Pick<IssuedRecord, 'sequence' | 'record'>, checkpoint?: SignedCheckpoint): ChannelRecord {
  return create(ChannelRecordSchema, {
    entry: { case: 'withheld', value: create(WithheldRecordSchema, { sequence: issued.sequence, leafHash: leafHash(issued.record) }) },
    checkpoint,
  });
}

/** The audience written in a stored record's bytes. */
export function audienceOf(record: Uint8Array): string[] {
  return fromBinary(RecognitionRecordSchema, record).audience;
}
