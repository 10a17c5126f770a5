import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STAGES, APPLICATION_TRANSITIONS, ApplicationAction, ApplicationStage } from '../../workflow/state-machine';
import { isMsme } from '@aeo/contracts';
import { AEO_TYPES, AeoTypeCode, Application, VisitFinding } from '../application.entity';

/** An action the trader must take after the validation visit (as recorded, see VisitFinding). */
class VisitFindingActionView {
  @ApiProperty({ example: 'fit a second lock on the bonded store' }) action: string;
  @ApiProperty({ required: false, example: '2027-01-31', description: 'ISO 8601, as the officer gave it' }) dueBy?: string;
}

/** Findings of the validation visit for one criterion (VisitFinding, as recorded). */
class VisitFindingView {
  @ApiProperty({ example: 'premises-security', description: 'a SAFE criterion code' }) criterion: string;
  @ApiProperty({ enum: ['met', 'met-with-actions', 'not-met'] }) result: VisitFinding['result'];
  @ApiProperty() note: string;
  @ApiProperty({ type: [VisitFindingActionView] }) actions: VisitFindingActionView[];
}

/** An application as its users see it: the case, its deadlines and pauses, the steps open to the viewer. */
export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ required: false }) legalName?: string;
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ enum: APPLICATION_STAGES }) stage: ApplicationStage;
  @ApiProperty({ example: 'safe-fos-2025.1', description: 'the questionnaire version the application was started on, and keeps (GET /saq/versions)' }) saqVersion: string;
  @ApiProperty({ type: String, nullable: true, example: 'small' }) sizeClass: string | null;
  @ApiProperty({ description: 'micro, small or medium: the MSME evidence route is open' }) msme: boolean;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'customs accepts or returns it by then' }) completenessDue: Date | null;
  @ApiProperty({ type: Date, nullable: true }) acceptedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'moved by extensions and by the time paused' }) decisionDue: Date | null;
  @ApiProperty() decisionExtended: boolean;
  @ApiProperty() informationRequested: boolean;
  @ApiProperty() informationExtended: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'set while the trader is asked for information' }) pausedSince: Date | null;
  @ApiProperty({ description: 'days the decision clock was paused' }) pausedDays: number;
  @ApiProperty({ type: Date, nullable: true }) visitPlannedFor: Date | null;
  @ApiProperty({ type: String, nullable: true }) visitRecordedBy: string | null;
  @ApiProperty({ type: [VisitFindingView], nullable: true }) visitFindings: VisitFinding[] | null;
  @ApiProperty({ nullable: true, enum: ['grant', 'reject'] }) proposal: 'grant' | 'reject' | null;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) hearingOpenedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'the trader answers the grounds by then' }) hearingDue: Date | null;
  @ApiProperty({ type: Date, nullable: true }) hearingAnsweredAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'a rejection may be appealed until then' }) appealDue: Date | null;
  @ApiProperty({ enum: Object.keys(APPLICATION_TRANSITIONS), isArray: true, description: 'the steps you could take now' })
  actionsOpen: ApplicationAction[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) authorisationId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ZAAEOF0000123' }) certificateNumber: string | null;

  static of(
    a: Application,
    extras: { legalName?: string; actionsOpen: ApplicationAction[]; authorisationId: string | null; certificateNumber: string | null },
  ): ApplicationView {
    return {
      id: a.id,
      operatorId: a.operatorId,
      legalName: extras.legalName,
      aeoType: a.aeoType,
      stage: a.stage,
      saqVersion: a.saqVersion,
      sizeClass: a.sizeClass,
      msme: isMsme(a.sizeClass),
      createdBy: a.createdBy,
      createdAt: a.createdAt,
      assignee: a.assignee,
      submittedAt: a.submittedAt,
      completenessDue: a.completenessDue,
      acceptedAt: a.acceptedAt,
      decisionDue: a.decisionDue,
      decisionExtended: a.decisionExtended,
      informationRequested: a.informationRequested,
      informationExtended: a.informationExtended,
      pausedSince: a.pausedSince,
      pausedDays: Math.round((a.pausedMs / 86_400_000) * 10) / 10,
      visitPlannedFor: a.visitPlannedFor,
      visitRecordedBy: a.visitRecordedBy,
      visitFindings: a.visitFindings,
      proposal: a.proposal,
      proposedBy: a.proposedBy,
      hearingOpenedAt: a.hearingOpenedAt,
      hearingDue: a.hearingDue,
      hearingAnsweredAt: a.hearingAnsweredAt,
      decidedAt: a.decidedAt,
      decidedBy: a.decidedBy,
      appealDue: a.appealDue,
      actionsOpen: extras.actionsOpen,
      authorisationId: extras.authorisationId,
      certificateNumber: extras.certificateNumber,
    };
  }
}
