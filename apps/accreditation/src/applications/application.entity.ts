import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApplicationCase, ApplicationStage } from '../workflow/state-machine';

export const AEO_TYPES = ['C', 'S', 'F'] as const;
export type AeoTypeCode = (typeof AEO_TYPES)[number];

const ts = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });
const text = (name: string) => ({ name, type: 'text' as const, nullable: true });

/** Findings of the validation visit for one criterion, with the actions the trader must take. */
export interface VisitFinding {
  criterion: string;
  result: 'met' | 'met-with-actions' | 'not-met';
  note: string;
  actions: { action: string; dueBy?: string }[];
}

/**
 * A trader's application for AEO status, from draft to decision. The life-cycle columns are
 * those of `ApplicationCase` (workflow/application-lifecycle.ts), which alone decides how they change.
 */
@Entity({ name: 'application' })
@Index('application_by_stage', ['stage', 'decisionDue'])
@Index('application_by_operator', ['operatorId'])
export class Application implements ApplicationCase {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: AeoTypeCode;

  @Column('text')
  stage: ApplicationStage;

  /** The version of the questionnaire the application was started on, and keeps (saq/saq-catalogue.ts). */
  @Column('text', { name: 'saq_version' })
  saqVersion: string;

  /** Size class of the operator (followed while the trader can still edit): micro, small and medium get the MSME route. */
  @Column('text', { name: 'size_class', nullable: true })
  sizeClass: string | null;


  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** The officer the application is assigned to (by a supervisor). */
  @Column(text('assignee'))
  assignee: string | null;

  @Column(ts('submitted_at')) submittedAt: Date | null;
  @Column(ts('completeness_due')) completenessDue: Date | null;
  @Column(ts('accepted_at')) acceptedAt: Date | null;
  @Column(ts('decision_due')) decisionDue: Date | null;
  @Column('boolean', { name: 'decision_extended', default: false }) decisionExtended: boolean;
  @Column('boolean', { name: 'information_requested', default: false }) informationRequested: boolean;
  @Column('boolean', { name: 'information_extended', default: false }) informationExtended: boolean;
  @Column(ts('paused_since')) pausedSince: Date | null;
  @Column('bigint', { name: 'paused_ms', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  pausedMs: number;
  @Column(text('resume_stage')) resumeStage: ApplicationStage | null;
  @Column(ts('visit_planned_for')) visitPlannedFor: Date | null;
  @Column(text('visit_recorded_by')) visitRecordedBy: string | null;
  @Column('jsonb', { name: 'visit_findings', nullable: true }) visitFindings: VisitFinding[] | null;
  @Column(text('proposal')) proposal: 'grant' | 'reject' | null;
  @Column(text('proposed_by')) proposedBy: string | null;
  @Column(ts('hearing_opened_at')) hearingOpenedAt: Date | null;
  @Column(ts('hearing_due')) hearingDue: Date | null;
  @Column(ts('hearing_answered_at')) hearingAnsweredAt: Date | null;
  @Column(ts('decided_at')) decidedAt: Date | null;
  @Column(text('decided_by')) decidedBy: string | null;
  @Column(ts('appeal_due')) appealDue: Date | null;
}
