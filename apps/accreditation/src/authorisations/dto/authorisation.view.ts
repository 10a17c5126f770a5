import { ImportedFromView } from '@aeo/platform';
import { ApiProperty } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../../applications/application.entity';
import { HistoryEntryView } from '../../history/dto/history-entry.view';
import {
  AUTHORISATION_STATES,
  AUTHORISATION_TRANSITIONS,
  AuthorisationAction,
  AuthorisationProposal,
  AuthorisationState,
  PartnerStatus,
} from '../../workflow/state-machine';
import type { Authorisation } from '../authorisation.entity';

/** An authorisation (the certificate and where it is in its life) as the API shows it. */
export class AuthorisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for an authorisation brought in by an import' }) applicationId: string | null;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ example: 'ZAAEOF0000123' }) certificateNumber: string;
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ enum: AUTHORISATION_STATES }) status: AuthorisationState;
  @ApiProperty({ enum: ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'], description: 'what partners see: a hearing changes nothing until the decision' })
  partnerStatus: PartnerStatus;
  @ApiProperty() statusSince: Date;
  @ApiProperty() authorisedOn: Date;
  @ApiProperty() validTo: Date;
  @ApiProperty({ type: Date, nullable: true }) reassessmentFlaggedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) reassessmentReason: string | null;
  @ApiProperty({ type: Date, nullable: true }) reassessmentStartedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['suspend', 'revoke', 'revoke_partially'] }) proposal: AuthorisationProposal | null;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ nullable: true, enum: ['C', 'S'] }) keepType: AeoTypeCode | null;
  @ApiProperty({ type: Date, nullable: true }) hearingOpenedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) hearingDue: Date | null;
  @ApiProperty({ type: Date, nullable: true }) hearingAnsweredAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'the end of the cure period of a suspension' }) cureDue: Date | null;
  @ApiProperty() cureExtended: boolean;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['suspend', 'revoke', 'revoke_partially'] }) lastDecision: AuthorisationProposal | null;
  @ApiProperty({ type: String, nullable: true }) lastDecisionBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) appealDue: Date | null;
  @ApiProperty() appealPending: boolean;
  @ApiProperty({ enum: Object.keys(AUTHORISATION_TRANSITIONS), isArray: true, description: 'the steps you could take now' })
  actionsOpen: AuthorisationAction[];
  @ApiProperty({ type: ImportedFromView, nullable: true, description: 'set when the authorisation came in by a bulk import' }) importedFrom: ImportedFromView | null;
  @ApiProperty({ type: [HistoryEntryView], required: false }) history?: HistoryEntryView[];

  static of(a: Authorisation, partnerStatus: PartnerStatus, actionsOpen: AuthorisationAction[], history?: HistoryEntryView[]): AuthorisationView {
    return {
      id: a.id,
      applicationId: a.applicationId,
      operatorId: a.operatorId,
      certificateNumber: a.certificateNumber,
      aeoType: a.aeoType,
      status: a.status,
      partnerStatus,
      statusSince: a.statusSince,
      authorisedOn: a.authorisedOn,
      validTo: a.validTo,
      reassessmentFlaggedAt: a.reassessmentFlaggedAt,
      reassessmentReason: a.reassessmentReason,
      reassessmentStartedAt: a.reassessmentStartedAt,
      proposal: a.proposal,
      proposedBy: a.proposedBy,
      keepType: a.keepType,
      hearingOpenedAt: a.hearingOpenedAt,
      hearingDue: a.hearingDue,
      hearingAnsweredAt: a.hearingAnsweredAt,
      cureDue: a.cureDue,
      cureExtended: a.cureExtended,
      revokedAt: a.revokedAt,
      lastDecision: a.lastDecision,
      lastDecisionBy: a.lastDecisionBy,
      appealDue: a.appealDue,
      appealPending: a.appealPending,
      actionsOpen,
      importedFrom: a.importedFrom,
      ...(history ? { history } : {}),
    };
  }
}

/** A certificate as its verify page shows it to anyone who holds it (or its QR code). */
export class CertificateStatusView {
  @ApiProperty({ example: 'ZAAEOF0000001' }) certificateNumber: string;
  @ApiProperty() holder: string;
  @ApiProperty({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType: 'AEO-C' | 'AEO-S' | 'AEO-F';
  @ApiProperty({ enum: ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'], description: 'as partners are told it' }) status: PartnerStatus;
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({ format: 'date-time' }) validTo: string;
  @ApiProperty({ example: 'ZA' }) administration: string;
  @ApiProperty({ format: 'date-time', description: 'when this answer was given' }) checkedAt: string;
}
