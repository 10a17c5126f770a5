import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { APPLICATION_STAGES } from '../../workflow/state-machine';
import { AEO_TYPES, AeoTypeCode } from '../application.entity';

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  operatorId: string;

  @ApiProperty({ enum: AEO_TYPES, description: 'C customs simplifications, S security and safety, F both' })
  @IsIn(AEO_TYPES)
  aeoType: AeoTypeCode;
}

export class SaveSectionDto {
  @ApiPropertyOptional({
    description: 'Answers by question id (GET /saq/criteria); a partial set is saved as it is.',
    example: { premises: 'Fenced yard, CCTV at the gate, visitors signed in.' },
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, string>;

  @ApiPropertyOptional({ enum: ['standard', 'msme'], description: 'msme: proportionate evidence, for micro, small and medium operators' })
  @IsOptional()
  @IsIn(['standard', 'msme'])
  evidenceRoute?: 'standard' | 'msme';
}

export class AssignDto {
  @ApiProperty({ example: 'officer-thandi', description: 'subject of the officer who works the application' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assignee: string;
}

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'stages, comma separated (default: every stage with work for customs: not draft, granted or withdrawn)', example: 'submitted,accepted' })
  @IsOptional()
  @Transform(toList)
  @IsIn(APPLICATION_STAGES, { each: true })
  stage?: string[];

  @ApiPropertyOptional({ description: 'applications with a deadline (completeness, decision, hearing, appeal) on or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineBefore?: string;

  @ApiPropertyOptional({ description: 'size classes, comma separated', example: 'micro,small' })
  @IsOptional()
  @Transform(toList)
  @IsIn(['micro', 'small', 'medium', 'large', 'unknown'], { each: true })
  sizeClass?: string[];

  @ApiPropertyOptional({ description: 'an officer\'s subject, or "none" for unassigned' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  operatorId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
