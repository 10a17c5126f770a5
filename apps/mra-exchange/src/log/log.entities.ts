import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * This administration's own log of the records it sent: the frontier of its RFC 9162 tree
 * (enough to append and to sign the root), its size equal to the last sequence number issued.
 */
@Entity({ name: 'issuer_log' })
export class IssuerLog {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @Column('bigint')
  size: string;

  @Column('jsonb')
  frontier: { size: number; hashes: string[] };
}

/** A partner issuer's log as received here: every leaf hash, in sequence (records and withheld ones). */
@Entity({ name: 'received_leaf' })
export class ReceivedLeaf {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @PrimaryColumn('bigint')
  sequence: string;

  @Column('bytea', { name: 'leaf_hash' })
  leafHash: Buffer;
}

/** How far a partner issuer's log is verified here: the frontier over its leaves received without a gap. */
@Entity({ name: 'partner_log' })
export class PartnerLog {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @Column('jsonb')
  frontier: { size: number; hashes: string[] };

  /** The largest checkpoint found to match the leaves received. */
  @Column('bigint', { name: 'verified_size', default: 0 })
  verifiedSize: string;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  /** The largest checkpoint of this issuer cosigned here and sent to its other partners (Cosigner). */
  @Column('bigint', { name: 'cosigned_size', default: 0 })
  cosignedSize: string;
}

/** Every checkpoint a partner issuer signed and sent here, kept to compare with what other partners saw. */
@Entity({ name: 'partner_checkpoint' })
export class PartnerCheckpoint {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @PrimaryColumn('bigint')
  size: string;

  @Column('bytea')
  root: Buffer;

  @Column('bytea')
  note: Buffer;

  @Column('bytea')
  signature: Buffer;

  @Column('text', { name: 'key_id' })
  keyId: string;

  /** When the leaves received here were found to make this root; null while they have not all come. */
  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;
}

/**
 * What the log checks found wrong with an issuer: a checkpoint that does not match the leaves it
 * sent here (`inconsistent`), two different entries or checkpoints for one number (`conflict`),
 * or another partner's cosigned checkpoint of the same size with another root (`equivocation`).
 * The evidence (the signed notes) is kept with it.
 */
@Entity({ name: 'log_alert' })
export class LogAlert {
  @PrimaryColumn('uuid')
  id: string;

  @Column('char', { length: 2 })
  issuer: string;

  @Column('text')
  kind: 'inconsistent' | 'conflict' | 'equivocation';

  @Column('text')
  detail: string;

  @Column('jsonb')
  evidence: Record<string, unknown>;

  @Column('timestamptz', { name: 'detected_at' })
  detectedAt: Date;
}

/** Another partner's cosignature of an issuer's checkpoint, kept to compare with the checkpoint of that size sent here. */
@Entity({ name: 'received_cosignature' })
export class ReceivedCosignature {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @PrimaryColumn('bigint')
  size: string;

  @PrimaryColumn('char', { length: 2 })
  cosigner: string;

  @Column('bytea')
  root: Buffer;

  /** The Cosignature message as received (protobuf), the evidence should the roots differ. */
  @Column('bytea')
  message: Buffer;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;
}
