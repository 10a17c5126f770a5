import { ApiProperty } from '@nestjs/swagger';
import { CODE_STATUSES, CodeOfConduct, CodeStatus } from '../codes-of-conduct/code-of-conduct.entity';
import { COMPLIANCE_REASONS, ComplianceReasonRule, ComplianceState, RuleEffect } from '../compliance/compliance-rules';
import { Declaration } from '../declarations/declaration.entity';
import { Incident, INCIDENT_DECISIONS, IncidentDecision, SEVERITIES, Severity } from '../incidents/incident.entity';
import { Person, SENSITIVE_ACCESS, SensitiveAccess } from '../personnel/person.entity';
import { Training } from '../personnel/training.entity';

/**
 * What conduct-compliance answers, as the API shows it: built field by field from the entities,
 * so the tables can change without changing the API.
 */
class ApproverView {
  @ApiProperty({ example: 'Naledi Mokoena' }) name: string;
  @ApiProperty({ example: 'managing director' }) function: string;
}

export class CodeOfConductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty() version: number;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'SHA-256 of the text, hex' }) checksum: string;
  @ApiProperty({ example: '2026-03-01' }) adoptedOn: string;
  @ApiProperty({ type: ApproverView }) approvedBy: ApproverView;
  @ApiProperty({ enum: CODE_STATUSES }) status: CodeStatus;
  @ApiProperty() submittedBy: string;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ type: String, nullable: true }) reviewedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) reviewedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) reviewReason: string | null;

  static of(c: CodeOfConduct): CodeOfConductView {
    return {
      id: c.id,
      operatorId: c.operatorId,
      version: c.version,
      text: c.text,
      checksum: c.checksum,
      adoptedOn: c.adoptedOn,
      approvedBy: { name: c.approvedBy.name, function: c.approvedBy.function },
      status: c.status,
      submittedBy: c.submittedBy,
      submittedAt: c.submittedAt,
      reviewedBy: c.reviewedBy,
      reviewedAt: c.reviewedAt,
      reviewReason: c.reviewReason,
    };
  }
}

export class TrainingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() course: string;
  @ApiProperty({ example: '2026-10-01' }) completedOn: string;
  @ApiProperty({ example: '2027-10-01' }) validUntil: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: Date;

  static of(t: Training): TrainingView {
    return { id: t.id, personId: t.personId, course: t.course, completedOn: t.completedOn, validUntil: t.validUntil, recordedBy: t.recordedBy, recordedAt: t.recordedAt };
  }
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "null for customs' own staff" }) operatorId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiProperty({ enum: SENSITIVE_ACCESS, isArray: true }) sensitiveAccess: SensitiveAccess[];
  @ApiProperty({ description: 'the position gives access to cargo, data or premises' }) sensitive: boolean;
  @ApiProperty() startedOn: string;
  @ApiProperty({ type: String, nullable: true, example: '2027-06-30' }) leftOn: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the bulk import the person came in by (GET /imports/personnel lists them)' }) importRunId: string | null;
  @ApiProperty({ required: false, description: 'employed today' }) employed?: boolean;
  @ApiProperty({ required: false, description: 'holds valid insider-threat training today' }) trainedNow?: boolean;
  @ApiProperty({ type: [TrainingView], required: false }) trainings?: TrainingView[];

  static of(p: Person, extras: { employed?: boolean; trainedNow?: boolean; trainings?: Training[] } = {}): PersonView {
    return {
      id: p.id,
      operatorId: p.operatorId,
      name: p.name,
      role: p.role,
      sensitiveAccess: p.sensitiveAccess,
      sensitive: p.sensitiveAccess.length > 0,
      startedOn: p.startedOn,
      leftOn: p.leftOn,
      importRunId: p.importRunId ?? null,
      ...(extras.employed !== undefined ? { employed: extras.employed } : {}),
      ...(extras.trainedNow !== undefined ? { trainedNow: extras.trainedNow } : {}),
      ...(extras.trainings ? { trainings: extras.trainings.map(TrainingView.of) } : {}),
    };
  }
}

export class CoverageView {
  @ApiProperty() sensitivePositions: number;
  @ApiProperty() trained: number;
  @ApiProperty({ type: Number, nullable: true, description: 'percent, one decimal; null when nobody holds a sensitive position' }) percent: number | null;
}

export class RegisterView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) operatorId: string | null;
  @ApiProperty({ example: '2027-03-01' }) asOf: string;
  @ApiProperty({ type: CoverageView }) coverage: CoverageView;
  @ApiProperty({ type: [PersonView] }) people: PersonView[];
}

export class DeclarationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ description: 'the accepted code declared against' }) codeVersion: number;
  @ApiProperty() statement: string;
  @ApiProperty({ type: ApproverView }) declaredBy: ApproverView;
  @ApiProperty() recordedBy: string;
  @ApiProperty() declaredAt: Date;
  @ApiProperty({ required: false, description: 'when the next declaration is due' }) nextDue?: Date;

  static of(d: Declaration, nextDue?: Date): DeclarationView {
    return {
      id: d.id,
      operatorId: d.operatorId,
      codeVersion: d.codeVersion,
      statement: d.statement,
      declaredBy: { name: d.declaredBy.name, function: d.declaredBy.function },
      recordedBy: d.recordedBy,
      declaredAt: d.declaredAt,
      ...(nextDue ? { nextDue } : {}),
    };
  }
}

export class DeclarationsView {
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty() nextDue: Date;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: [DeclarationView] }) declarations: DeclarationView[];
}

class IncidentReviewView {
  @ApiProperty({ enum: INCIDENT_DECISIONS }) decision: IncidentDecision;
  @ApiProperty() reason: string;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty() occurredOn: string;
  @ApiProperty() description: string;
  @ApiProperty() measuresTaken: string;
  @ApiProperty() reportedBy: string;
  @ApiProperty({ enum: ['operator', 'customs'] }) reportedAs: 'operator' | 'customs';
  @ApiProperty() reportedAt: Date;
  @ApiProperty({ enum: INCIDENT_DECISIONS, nullable: true, description: 'null until customs reviewed it' }) decision: IncidentDecision | null;
  @ApiProperty({ type: [IncidentReviewView] }) reviews: IncidentReviewView[];
  @ApiProperty({ type: Date, nullable: true, description: 'when the rules proposed a suspension for it' }) suspensionProposedAt: Date | null;

  static of(i: Incident): IncidentView {
    return {
      id: i.id,
      operatorId: i.operatorId,
      severity: i.severity,
      occurredOn: i.occurredOn,
      description: i.description,
      measuresTaken: i.measuresTaken,
      reportedBy: i.reportedBy,
      reportedAs: i.reportedAs,
      reportedAt: i.reportedAt,
      decision: i.decision,
      reviews: i.reviews.map((r) => ({ decision: r.decision, reason: r.reason, by: r.by, at: r.at })),
      suspensionProposedAt: i.suspensionProposedAt,
    };
  }
}

const COMPLIANCE_STATES: ComplianceState[] = ['compliant', 'warning', 'blocking'];
const RULE_EFFECTS: RuleEffect[] = ['block', 'warn', 'off'];

/** The facts an operator's status is derived from, as of now. */
class ComplianceFactsView {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the latest accepted Code of Conduct; null when none is accepted' }) acceptedCodeVersion: number | null;
  @ApiProperty({ type: 'integer', description: 'people in sensitive positions today' }) sensitivePositions: number;
  @ApiProperty({ type: 'integer', description: 'of them, those with valid insider-threat training' }) trained: number;
  @ApiProperty({ type: Number, nullable: true, description: 'percent, one decimal; null when nobody holds a sensitive position' }) coverage: number | null;
  @ApiProperty({ type: 'integer', description: 'percent below which coverage is low' }) coverageThreshold: number;
  @ApiProperty({ description: 'when the next periodic declaration is due' }) declarationDue: Date;
  @ApiProperty() declarationOverdue: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'critical incidents whose measures customs has not accepted, oldest first' })
  criticalIncidentsOpen: string[];
}

/** The rules this administration applies (configuration). */
class ComplianceRulesView {
  @ApiProperty({ enum: RULE_EFFECTS, description: 'no accepted Code of Conduct' }) noAcceptedCode: RuleEffect;
  @ApiProperty({ type: 'integer', description: 'percent below which coverage is low' }) coverageThreshold: number;
  @ApiProperty({ enum: RULE_EFFECTS, description: 'training coverage below the threshold' }) lowCoverage: RuleEffect;
  @ApiProperty({ enum: RULE_EFFECTS }) overdueDeclaration: RuleEffect;
  @ApiProperty({ enum: ['propose-suspension', 'warn', 'off'], description: 'a critical incident without accepted measures' })
  criticalIncident: 'propose-suspension' | 'warn' | 'off';
}

/** One reason a status is not compliant, for a reader to put in its own language. */
class ComplianceReasonView {
  @ApiProperty({ enum: COMPLIANCE_REASONS }) rule: ComplianceReasonRule;
  @ApiProperty({ enum: ['block', 'warn'] }) effect: 'block' | 'warn';
  @ApiProperty({ required: false, description: 'low-coverage: the coverage, percent with one decimal' }) coverage?: number;
  @ApiProperty({ required: false, type: 'integer', description: 'low-coverage: the threshold, percent' }) threshold?: number;
  @ApiProperty({ required: false, format: 'date', description: 'overdue-declaration: the day it was due' }) due?: string;
  @ApiProperty({ required: false, description: 'critical-incident: its description' }) incident?: string;
}

/** An operator's compliance status: as last derived and told to the other services, why, the facts now and the rules. */
export class ComplianceView {
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ enum: COMPLIANCE_STATES, description: 'blocking until first derived' }) status: ComplianceState;
  @ApiProperty({ type: [String] }) grantBlockedBecause: string[];
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({
    type: [ComplianceReasonView],
    description: 'why it is not compliant, rule by rule (blocks first), as last derived: grantBlockedBecause and then warnings say the same in English, one for one',
  })
  reasons: ComplianceReasonView[];
  @ApiProperty({ type: 'integer', description: '0 until first derived' }) version: number;
  @ApiProperty({ type: Date, nullable: true, description: 'null until first derived' }) changedAt: Date | null;
  @ApiProperty({ type: ComplianceFactsView }) facts: ComplianceFactsView;
  @ApiProperty({ type: ComplianceRulesView }) rules: ComplianceRulesView;
}

class TrainingCoverageFiguresView {
  @ApiProperty({ type: 'integer', description: 'percent below which coverage is low' }) threshold: number;
  @ApiProperty({ type: CoverageView, description: "operators' people in sensitive positions, all operators together" }) operators: CoverageView;
  @ApiProperty({ type: 'integer', description: 'operators whose coverage is below the threshold' }) operatorsBelowThreshold: number;
  @ApiProperty({ type: 'integer', description: 'operators with a coverage (someone in a sensitive position)' }) operatorsMeasured: number;
  @ApiProperty({ type: CoverageView, description: "customs' own staff" }) customsStaff: CoverageView;
}

/** Conduct figures for the console. */
export class ComplianceFiguresView {
  @ApiProperty() at: Date;
  @ApiProperty({ type: TrainingCoverageFiguresView }) coverage: TrainingCoverageFiguresView;
  @ApiProperty({ type: 'integer', description: 'operators whose periodic declaration is overdue' }) declarationsOverdue: number;
  @ApiProperty({
    type: 'object',
    description: 'incidents without accepted measures, per severity, every severity present',
    properties: Object.fromEntries(SEVERITIES.map((s) => [s, { type: 'integer' as const }])),
    required: [...SEVERITIES],
    selfRequired: true,
  })
  openIncidentsBySeverity: Record<string, number>;
  @ApiProperty({
    type: 'object',
    description: 'operators per compliance status, every status present',
    properties: Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, { type: 'integer' as const }])),
    required: [...COMPLIANCE_STATES],
    selfRequired: true,
  })
  statuses: Record<string, number>;
}
