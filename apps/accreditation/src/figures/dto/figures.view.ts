import { ApiProperty } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../../applications/application.entity';
import { RUNNING_DEADLINES } from '../../deadlines/running-deadlines';
import { APPLICATION_STAGES, ApplicationStage, AUTHORISATION_STATES, AuthorisationState, DECISION_CLOCK_STAGES } from '../../workflow/state-machine';

/** The stages counted as backlog (as figures.controller.ts counts them). */
const BACKLOG_STAGES = APPLICATION_STAGES.filter((s) => ['submitted', 'returned', ...DECISION_CLOCK_STAGES, 'appealed'].includes(s));
/** The steps counted as decisions (as figures.controller.ts counts them). */
const DECISION_ACTIONS = ['grant', 'reject', 'suspend', 'request_suspension', 'reinstate', 'revoke', 'revoke_partially', 'withdraw', 'expire'];
/** The deadlines that run on applications. */
const APPLICATION_DEADLINES = [...new Set(RUNNING_DEADLINES.filter((d) => d.subject === 'application').map((d) => d.deadline))];

/** An object of counts (integers), one property per key. */
const countsOf = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const }]));

export class ApplicationFiguresView {
  @ApiProperty({ type: 'integer', description: 'applications ever submitted' }) received: number;
  @ApiProperty({ type: 'integer', description: 'applications ever accepted' }) accepted: number;
  @ApiProperty({ type: 'integer', description: 'applications granted or rejected, or with a decision recorded' }) decided: number;
  @ApiProperty({
    type: 'object',
    description: 'applications in each stage now, every stage present',
    properties: countsOf(APPLICATION_STAGES),
    required: [...APPLICATION_STAGES],
    selfRequired: true,
  })
  perStage: Record<ApplicationStage, number>;
}

export class BacklogFiguresView {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({
    type: 'object',
    description: 'open applications in each backlog stage (submitted, returned, the decision-clock stages, appealed), every one present',
    properties: countsOf(BACKLOG_STAGES),
    required: [...BACKLOG_STAGES],
    selfRequired: true,
  })
  perStage: Partial<Record<ApplicationStage, number>>;
}

/** Days from acceptance to decision of the applications decided, one decimal; null while none is decided. */
export class DecisionTimeFiguresView {
  @ApiProperty({ type: 'integer', description: 'applications decided after acceptance' }) decided: number;
  @ApiProperty({ type: Number, nullable: true }) averageElapsed: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianElapsed: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'days the decision clock was paused, on average' }) averagePaused: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'elapsed less paused: the days the decision clock ran' }) averageCounted: number | null;
}

export class MsmeShareFiguresView {
  @ApiProperty({ type: Number, nullable: true, description: 'share of applications (drafts apart) by micro, small and medium operators; null when none' })
  applicants: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'share of current holders (valid, hearing, suspended) that are micro, small or medium; null when none' })
  holders: number | null;
  @ApiProperty({ enum: ['percent'] }) unit: 'percent';
}

/** An application deadline missed or due within the warning period. */
export class DeadlineAtRiskView {
  @ApiProperty({ format: 'uuid', description: 'the application' }) id: string;
  @ApiProperty({ enum: APPLICATION_STAGES }) stage: ApplicationStage;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty() due: Date;
  @ApiProperty({ enum: APPLICATION_DEADLINES }) kind: string;
}

export class DeadlinesAtRiskView {
  @ApiProperty({ type: 'integer', description: 'the warning period, days' }) withinDays: number;
  @ApiProperty({ type: 'integer' }) missed: number;
  @ApiProperty({ type: 'integer' }) approaching: number;
  @ApiProperty({ type: [DeadlineAtRiskView], description: 'the first 100, the nearest due first' }) items: DeadlineAtRiskView[];
}

export class AuthorisationCountView {
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ enum: AUTHORISATION_STATES }) status: AuthorisationState;
  @ApiProperty({ type: 'integer' }) n: number;
}

export class HolderCountView {
  @ApiProperty({ example: 'small', description: 'the operator\'s size class, or "unknown"' }) sizeClass: string;
  @ApiProperty({ type: 'integer' }) n: number;
}

export class AuthorisationFiguresView {
  @ApiProperty({ type: [AuthorisationCountView], description: 'only the combinations that occur' }) byTypeAndStatus: AuthorisationCountView[];
  @ApiProperty({ type: [HolderCountView], description: 'current holders (valid, hearing, suspended) by size class' }) holdersBySizeClass: HolderCountView[];
}

/** The administration's figures (DOMAIN.md, "Figures an administration watches"). */
export class AccreditationFiguresView {
  @ApiProperty() at: Date;
  @ApiProperty({ type: ApplicationFiguresView }) applications: ApplicationFiguresView;
  @ApiProperty({ type: BacklogFiguresView }) backlog: BacklogFiguresView;
  @ApiProperty({ type: DecisionTimeFiguresView }) acceptanceToDecisionDays: DecisionTimeFiguresView;
  @ApiProperty({ type: MsmeShareFiguresView }) msmeShare: MsmeShareFiguresView;
  @ApiProperty({ type: DeadlinesAtRiskView }) deadlinesAtRisk: DeadlinesAtRiskView;
  @ApiProperty({ type: AuthorisationFiguresView }) authorisations: AuthorisationFiguresView;
  @ApiProperty({
    type: 'object',
    description: 'how many times each decision was taken; a decision never taken is absent',
    properties: countsOf(DECISION_ACTIONS),
    selfRequired: true,
  })
  decisions: Record<string, number>;
}
