import type { ImportedFrom } from '@aeo/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AeoTypeCode } from '../applications/application.entity';
import type { AuthorisationCase, AuthorisationProposal, AuthorisationState } from '../workflow/state-machine';

const ts = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });
const text = (name: string) => ({ name, type: 'text' as const, nullable: true });

/**
 * AEO status granted to an operator: the certificate and where it is in its life. The life-cycle
 * columns are those of `AuthorisationCase` (workflow/authorisation-lifecycle.ts).
 */
@Entity({ name: 'authorisation' })
@Index('authorisation_by_operator', ['operatorId'])
export class Authorisation implements AuthorisationCase {
  @PrimaryColumn('uuid')
  id: string;

  /** The application it was granted on; null for an authorisation brought in by an import (granted before this registry). */
  @Index('authorisation_application', { unique: true })
  @Column('uuid', { name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Index('authorisation_certificate_number', { unique: true })
  @Column('text', { name: 'certificate_number' })
  certificateNumber: string;

  /** The serial in the certificate number; kept when a partial revocation changes the type. One authorisation each. */
  @Index('authorisation_certificate_serial', { unique: true })
  @Column('int', { name: 'certificate_serial' })
  certificateSerial: number;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: AeoTypeCode;

  @Column('text')
  status: AuthorisationState;

  /** Since when partners see the present status (a hearing does not change it). */
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

  /** Set when the authorisation came in by a bulk import: the file (name, SHA-256), its line, who ran it, when. */
  @Column('jsonb', { name: 'imported_from', nullable: true })
  importedFrom: ImportedFrom | null;

  @Column(ts('reassessment_started_at')) reassessmentStartedAt: Date | null;
  @Column(text('proposal')) proposal: AuthorisationProposal | null;
  @Column(text('proposed_by')) proposedBy: string | null;
  @Column('char', { name: 'keep_type', length: 1, nullable: true }) keepType: AeoTypeCode | null;
  @Column(text('return_to')) returnTo: 'valid' | 'suspended' | null;
  @Column(ts('hearing_opened_at')) hearingOpenedAt: Date | null;
  @Column(ts('hearing_due')) hearingDue: Date | null;
  @Column(ts('hearing_answered_at')) hearingAnsweredAt: Date | null;
  @Column(ts('cure_due')) cureDue: Date | null;
  @Column('boolean', { name: 'cure_extended', default: false }) cureExtended: boolean;
  @Column(ts('revoked_at')) revokedAt: Date | null;
  @Column(text('last_decision')) lastDecision: AuthorisationProposal | null;
  @Column(text('last_decision_by')) lastDecisionBy: string | null;
  @Column(ts('appeal_due')) appealDue: Date | null;
  @Column('boolean', { name: 'appeal_pending', default: false }) appealPending: boolean;
  @Column('char', { name: 'type_before_partial', length: 1, nullable: true }) typeBeforePartial: AeoTypeCode | null;
}
