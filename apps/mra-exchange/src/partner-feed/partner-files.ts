import jwt from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import type { WcoRecord } from './wco-record';

/** The batch file's format name, in its payload. */
export const BATCH_FORMAT = 'aeo-registry/mra-batch/v1';
/** JWS `typ` of one record and of a batch file. */
export const RECORD_JWS_TYPE = 'aeo-record+jwt';
export const BATCH_JWS_TYPE = 'aeo-batch+jwt';

/** One entry of a feed page or batch file: a record as a JWS, or a withheld record's number and leaf hash. */
export type BatchEntry = { sequence: number; record?: string; protobuf?: string; withheld?: { leafHash: string } };

/** An issuer's signed log checkpoint, as JSON. */
export type BatchCheckpoint = { note: string; signature: string; keyId: string };

const sign = (payload: object, key: KeyObject | string, kid: string, typ: string, timestamp: boolean) =>
  jwt.sign(payload, key, { algorithm: 'ES256', keyid: kid, header: { alg: 'ES256', typ } as jwt.JwtHeader, noTimestamp: !timestamp });

/** A record as partners outside the federation read and send it: its WCO-named JSON signed ES256 with the issuer's MRA key. */
export function signRecordJws(record: WcoRecord, key: KeyObject | string, kid: string): string {
  return sign({ iss: record.issuer, ...record }, key, kid, RECORD_JWS_TYPE, false);
}

/** A day's batch file: the entries of one issuer for one recipient, the whole signed ES256 with the issuer's MRA key. */
export function signBatchFile(
  batch: { issuer: string; recipient: string; date: string; entries: BatchEntry[]; checkpoint?: BatchCheckpoint },
  key: KeyObject | string,
  kid: string,
): string {
  return sign(
    { format: BATCH_FORMAT, iss: batch.issuer, aud: batch.recipient, date: batch.date, entries: batch.entries, ...(batch.checkpoint ? { checkpoint: batch.checkpoint } : {}) },
    key,
    kid,
    BATCH_JWS_TYPE,
    true,
  );
}
