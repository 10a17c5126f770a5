import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STAGES, ApplicationStage } from '../../workflow/state-machine';
import { AEO_TYPES, AeoTypeCode } from '../application.entity';

/** One application in the officers' work queue: the case at a glance and the deadline that runs now. */
export class WorkQueueItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ enum: APPLICATION_STAGES }) stage: ApplicationStage;
  @ApiProperty({ type: String, nullable: true, example: 'small' }) sizeClass: string | null;
  @ApiProperty({ description: 'micro, small or medium: the MSME evidence route is open' }) msme: boolean;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) decisionDue: Date | null;
  @ApiProperty({ description: 'the decision clock is paused while the trader is asked for information' }) paused: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'the deadline that runs in the stage (completeness, decision, hearing, appeal); null when none runs' })
  nextDeadline: Date | null;
}

/** A page of the officers' work queue, the nearest deadline first. */
export class WorkQueueView {
  @ApiProperty({ type: 'integer', description: 'applications matching the filter, all pages (0 when the page is past the last one)' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: [WorkQueueItemView] }) items: WorkQueueItemView[];
}
