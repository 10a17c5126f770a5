import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An operator of this administration, as operator-registry told it: what partners receive about it. */
@Entity({ name: 'holder_operator' })
// GIN (jsonb_path_ops) on the identifiers, for look-ups by identifier (supplier checks, local identifiers): made by migration HolderIdentifiersIndex.
@Index('holder_operator_identifiers', { synchronize: false })
export class HolderOperator {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'legal_name' })
  legalName: string;

  @Column('jsonb')
  address: { street: string; city: string; postalCode: string; country: string };

  @Column('jsonb')
  identifiers: { scheme: string; value: string; issuer: string }[];

  /** Consent to share with MRA partners (SARS rule 64E.14); no consent, nothing is sent. */
  @Column('boolean', { name: 'share_with_partners', default: false })
  shareWithPartners: boolean;

  /** Consent to appear in the public directory. */
  @Column('boolean', { name: 'publish_in_directory', default: false })
  publishInDirectory: boolean;

  /** Envelope sequence of the last consent change applied, so an older one never wins. */
  @Column('bigint', { name: 'consent_version', default: 0 })
  consentVersion: string;

  /** micro, small, medium or large, as operator-registry last said; null when not known (Regional figures count it apart). */
  @Column('text', { name: 'size_class', nullable: true })
  sizeClass: string | null;
}

/** An authorisation of this administration, as accreditation told it. */
@Entity({ name: 'holder_authorisation' })
@Index('holder_authorisation_by_operator', ['operatorId'])
export class HolderAuthorisation {
  @PrimaryColumn('uuid', { name: 'authorisation_id' })
  authorisationId: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'certificate_number' })
  certificateNumber: string;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: 'C' | 'S' | 'F';

  /** The exchanged status value: valid, suspended, revoked, withdrawn, expired. */
  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'status_since' })
  statusSince: Date;

  @Column('timestamptz', { name: 'authorised_on' })
  authorisedOn: Date;

  @Column('timestamptz', { name: 'valid_to' })
  validTo: Date;

  /** Envelope sequence of the last change applied, so an older one never wins. */
  @Column('bigint')
  version: string;
}

/** Every record this administration sent its partners, signed, in sequence. Never edited. */
@Entity({ name: 'outbound_record' })
// With the sequence: a snapshot asks, for each record it reads, whether its AEO has a later one.
@Index('outbound_record_by_operator', ['operatorId', 'sequence'])
export class OutboundRecord {
  @PrimaryColumn('bigint')
  sequence: string;

  @Column('uuid', { name: 'record_id' })
  recordId: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('bytea')
  record: Buffer;

  @Column('bytea')
  signature: Buffer;

  @Column('text', { name: 'key_id' })
  keyId: string;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;
}
