import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the agency feed: a status of one of this administration's published AEOs, as
 * other agencies are told it (topic and HTTP cursor). Positions increase in commit order
 * (agency-feed.ts); the entries of a holder that withdrew publication are removed, never edited.
 */
@Entity({ name: 'agency_status_change' })
@Index('agency_status_change_by_operator', ['operatorId'])
export class AgencyStatusChange {
  @PrimaryColumn('bigint')
  position: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'operator_name' })
  operatorName: string;

  @Column('jsonb')
  identifiers: { scheme: string; value: string; issuer: string }[];

  @Column('uuid', { name: 'authorisation_id' })
  authorisationId: string;

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

  /** False: the holder withdrew its consent to publication, and agencies forget the AEO. */
  @Column('boolean')
  published: boolean;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}
