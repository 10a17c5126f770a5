import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_TRANSITIONS, AUTHORISATION_TRANSITIONS } from '../state-machine';

const APPLICATION_ACTIONS = Object.keys(APPLICATION_TRANSITIONS);
const AUTHORISATION_ACTIONS = Object.keys(AUTHORISATION_TRANSITIONS).filter((a) => a !== 'expire');

export class FindingActionDto {
  @ApiProperty({ example: 'fit a second lock on the bonded store' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  action: string;

  @ApiPropertyOptional({ example: '2027-01-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBy?: string;
}

export class VisitFindingDto {
  @ApiProperty({ example: 'premises-security', description: 'a SAFE criterion code (GET /saq/criteria)' })
  @IsString()
  criterion: string;

  @ApiProperty({ enum: ['met', 'met-with-actions', 'not-met'] })
  @IsIn(['met', 'met-with-actions', 'not-met'])
  result: 'met' | 'met-with-actions' | 'not-met';

  @ApiProperty({ example: 'fences and lighting adequate; one store door without a second lock' })
  @IsString()
  @MaxLength(4000)
  note: string;

  @ApiPropertyOptional({ type: [FindingActionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FindingActionDto)
  actions?: FindingActionDto[];
}

export class ApplicationTransitionDto {
  @ApiProperty({ enum: APPLICATION_ACTIONS, description: 'The step to take (GET the application for the steps open to you).' })
  @IsIn(APPLICATION_ACTIONS)
  action: string;

  @ApiPropertyOptional({ description: 'Why; required for negative steps, requests, answers, appeals and extensions.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ description: 'plan_visit: when the validation visit takes place.', example: '2027-01-15T09:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  plannedFor?: string;

  @ApiPropertyOptional({ type: [VisitFindingDto], description: 'record_visit: findings for every criterion of the application.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VisitFindingDto)
  findings?: VisitFindingDto[];

  @ApiPropertyOptional({ description: 'Evidence attached to the application that supports this step.', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class AuthorisationTransitionDto {
  @ApiProperty({ enum: AUTHORISATION_ACTIONS })
  @IsIn(AUTHORISATION_ACTIONS)
  action: string;

  @ApiPropertyOptional({ description: 'Why; the grounds of a proposal, the answer of a hearing.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ enum: ['C', 'S'], description: 'propose_partial_revocation: the part of the AEO-F the holder keeps.' })
  @IsOptional()
  @IsIn(['C', 'S'])
  keepType?: 'C' | 'S';
}
