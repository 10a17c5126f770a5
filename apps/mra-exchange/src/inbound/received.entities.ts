import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A record a partner sent, kept whole with its signature. Two times: `status_since`, from when
 * the status held at the issuer (valid time), and `received_at`, when we learnt it. Nothing is
 * overwritten, so "what was true on day D" and "what did we know on day D" stay answerable.
 */
@Entity({ name: 'received_record' })
@Index('received_record_by_operator', ['issuer', 'operatorId', 'statusSince'])
export class ReceivedRecord {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @PrimaryColumn('bigint')
  sequence: string;

  @Column('uuid', { name: 'record_id' })
  recordId: string;

  /** The issuer's own id of the operator. */
  @Column('text', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'operator_name' })
  operatorName: string;

  @Column('text', { name: 'certificate_number' })
  certificateNumber: string;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: 'C' | 'S' | 'F';

  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'status_since' })
  statusSince: Date;

  @Column('timestamptz', { name: 'valid_to' })
  validTo: Date;

  @Column('boolean', { name: 'shared_with_consent' })
  sharedWithConsent: boolean;

  /** The issuer says the holder consented to its public directory: supplier checks may show it. */
  @Column('boolean', { name: 'published_in_directory', default: false })
  publishedInDirectory: boolean;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('bytea')
  record: Buffer;

  @Column('bytea')
  signature: Buffer;

  @Column('text', { name: 'key_id' })
  keyId: string;

  /** From this day the MRA no longer covers this AEO here (the issuer's notice of an amendment); null: no end announced. */
  @Column('timestamptz', { name: 'coverage_ends', nullable: true })
  coverageEnds: Date | null;

  /**
   * How `record` and `signature` are to be read: `protobuf` (a RecognitionRecord and its ES256
   * signature, from a channel) or `jws` (the JWS signing input of a partner's batch file, and the
   * JWS's ES256 signature).
   */
  @Column('text', { name: 'record_format', default: 'protobuf' })
  recordFormat: 'protobuf' | 'jws';
}

/** The cross-reference from an identifier, as a declaration names the operator, to the issuer's operator. */
@Entity({ name: 'received_identifier' })
export class ReceivedIdentifier {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @PrimaryColumn('text')
  scheme: string;

  @PrimaryColumn('text')
  value: string;

  @Column('text', { name: 'operator_id' })
  operatorId: string;
}

/** The highest sequence received from each issuer, and the gaps seen (recovered by replay later). */
@Entity({ name: 'issuer_progress' })
export class IssuerProgress {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @Column('bigint', { name: 'last_sequence' })
  lastSequence: string;

  @Column('jsonb', { name: 'missing_sequences', default: () => "'[]'" })
  missingSequences: string[];

  /** When a replay of the missing sequences was last asked for (not again within a while). */
  @Column('timestamptz', { name: 'replay_requested_at', nullable: true })
  replayRequestedAt: Date | null;
}
