import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AeoTypeCode } from '../applications/application.entity';
import type { AuthorisationStatus } from './authorisation-lifecycle';

/** AEO status granted to an operator: the certificate and its current status. */
@Entity({ name: 'authorisation' })
export class Authorisation {
  @PrimaryColumn('uuid')
  id: string;

  @Index('authorisation_application', { unique: true })
  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Index('authorisation_certificate_number', { unique: true })
  @Column('text', { name: 'certificate_number' })
  certificateNumber: string;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: AeoTypeCode;

  @Column('text')
  status: AuthorisationStatus;

  @Column('timestamptz', { name: 'status_since' })
  statusSince: Date;

  @Column('timestamptz', { name: 'authorised_on' })
  authorisedOn: Date;

  @Column('timestamptz', { name: 'valid_to' })
  validTo: Date;

  /** Set when the holder notified a significant change (address, ownership, sites...): customs reassesses. */
  @Column('timestamptz', { name: 'reassessment_flagged_at', nullable: true })
  reassessmentFlaggedAt: Date | null;

  @Column('text', { name: 'reassessment_reason', nullable: true })
  reassessmentReason: string | null;
}
