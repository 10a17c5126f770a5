import { create, fromBinary } from '@bufbuild/protobuf';
import { ChannelRecord, ChannelRecordSchema, RecognitionRecordSchema, SignedRecognitionRecordSchema, WithheldRecordSchema } from '@aeo/contracts';
import { createHash } from 'node:crypto';

/** RFC 9162 leaf hash of a record's bytes: SHA-256(0x00 || record). */
export function leafHash(record: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(record).digest();
}

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
export function channelRecordFor(recipient: string, issued: IssuedRecord): ChannelRecord {
  if (issued.audience.includes(recipient)) {
    return create(ChannelRecordSchema, {
      entry: { case: 'record', value: create(SignedRecognitionRecordSchema, { record: issued.record, signature: issued.signature, keyId: issued.keyId }) },
    });
  }
  return create(ChannelRecordSchema, {
    entry: { case: 'withheld', value: create(WithheldRecordSchema, { sequence: issued.sequence, leafHash: leafHash(issued.record) }) },
  });
}

/** The audience written in a stored record's bytes. */
export function audienceOf(record: Uint8Array): string[] {
  return fromBinary(RecognitionRecordSchema, record).audience;
}
