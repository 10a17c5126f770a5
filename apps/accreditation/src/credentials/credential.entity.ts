import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An AEO credential issued to a holder: the signed vc+jwt as issued, its place in the status
 * lists, and whether it is revoked (the authorisation revoked or withdrawn, or a newer credential
 * replaced it) or suspended (its authorisation is).
 */
@Entity({ name: 'credential' })
@Index('credential_by_authorisation', ['authorisationId', 'issuedAt'])
export class Credential {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'authorisation_id' })
  authorisationId: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** Its bit in the revocation and the suspension lists (random, unique). */
  @Index('credential_status_index', { unique: true })
  @Column('int', { name: 'status_index' })
  statusIndex: number;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  @Column('timestamptz', { name: 'valid_until' })
  validUntil: Date;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: string;

  /** The key that signed it. */
  @Column('text')
  kid: string;

  /** The credential as issued (compact JWS, media type vc+jwt). */
  @Column('text')
  jwt: string;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  /** replaced, revoked or withdrawn. */
  @Column('text', { name: 'revoked_because', nullable: true })
  revokedBecause: string | null;

  @Column('boolean', { default: false })
  suspended: boolean;
}
