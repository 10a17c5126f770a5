import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An authorisation as last told, so that a notice can say what changed (granted, suspended, renewed...). */
@Entity({ name: 'known_authorisation' })
export class KnownAuthorisation {
  @PrimaryColumn('uuid', { name: 'authorisation_id' })
  authorisationId: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** valid, suspended, revoked, withdrawn or expired. */
  @Column('text')
  status: string;

  /** C, S or F. */
  @Column('text', { name: 'aeo_type' })
  aeoType: string;

  @Column('timestamptz', { name: 'valid_to' })
  validTo: Date;

  @Column('timestamptz', { name: 'status_since' })
  statusSince: Date;
}
