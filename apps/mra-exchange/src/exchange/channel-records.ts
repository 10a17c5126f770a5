import { create } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import {
  ChannelEntry,
  ChannelEntrySchema,
  ChannelRecord,
  ChannelRecordSchema,
  RecognitionRecordSchema,
  SignedCheckpoint,
  SignedRecognitionRecordSchema,
  WithheldRecordSchema,
} from '@aeo/contracts';
import { leafHash } from '../log/merkle';

/** Most entries in one message of a replay or snapshot: one checkpoint signature checks them all. */
export const CHUNK_ENTRIES = 1000;
/** Most bytes of records in one such message, so that it stays well under Kafka's 1 MiB. */
export const CHUNK_BYTES = 400_000;

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
export function entryFor(recipient: string, issued: IssuedRecord, leaf?: Uint8Array): ChannelEntry {
  if (issued.audience.includes(recipient)) {
    return create(ChannelEntrySchema, {
      entry: { case: 'record', value: create(SignedRecognitionRecordSchema, { record: issued.record, signature: issued.signature, keyId: issued.keyId }) },
    });
  }
  return withheldEntry(issued, leaf);
}

/** A record the recipient may not read: its number and leaf hash (computed here unless the caller has it). */
export function withheldEntry(issued: Pick<IssuedRecord, 'sequence' | 'record'>, leaf: Uint8Array = leafHash(issued.record)): ChannelEntry {
  return create(ChannelEntrySchema, {
    entry: { case: 'withheld', value: create(WithheldRecordSchema, { sequence: issued.sequence, leafHash: leaf }) },
  });
}

/** One message of the channel: consecutive entries and the issuer's checkpoint after the last. */
export function channelRecord(entries: ChannelEntry[], checkpoint?: SignedCheckpoint): ChannelRecord {
  return create(ChannelRecordSchema, { entries, checkpoint });
}

const AUDIENCE = RecognitionRecordSchema.field.audience.number;

/**
 * The audience written in a stored record's bytes, read off the wire without decoding the rest of
 * the record (a snapshot asks it of every record it sends: decoding each whole was a sixth of the issuer's CPU).
 */
export function audienceOf(record: Uint8Array): string[] {
  const reader = new BinaryReader(record);
  const audience: string[] = [];
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === AUDIENCE && wireType === WireType.LengthDelimited) audience.push(reader.string());
    else reader.skip(wireType, field);
  }
  return audience;
}
