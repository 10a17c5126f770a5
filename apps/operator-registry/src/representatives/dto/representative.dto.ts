import { REPRESENTATION_ACTS, RepresentationAct } from '@aeo/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class AuthoriseRepresentativeDto {
  @ApiProperty({ example: 'broker-za-1', description: "the representative's user name in the registry (a customs broker, a consultant)" })
  @Matches(/^[\w.@:|-]{1,200}$/, { message: 'representative must be a user name (letters, digits, . _ - @ : |)' })
  representative: string;

  @ApiProperty({ enum: REPRESENTATION_ACTS, isArray: true, example: ['prepare', 'submit', 'respond'], description: 'read: see the operator, its applications and status; prepare: the SAQ, evidence, code of conduct and personnel; submit: submit an application; respond: answer requests and hearings, appeal' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(REPRESENTATION_ACTS, { each: true })
  acts: RepresentationAct[];

  @ApiPropertyOptional({ example: '2026-12-01', description: 'the first day (default: today)' })
  @IsOptional()
  @Matches(DAY, { message: 'validFrom must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ example: '2027-11-30', description: 'the last day (default: until revoked)' })
  @IsOptional()
  @Matches(DAY, { message: 'validTo must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  validTo?: string;
}

export class RepresentativeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ example: 'broker-za-1' }) representative: string;
  @ApiProperty({ enum: REPRESENTATION_ACTS, isArray: true }) acts: RepresentationAct[];
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTo: string | null;
  @ApiProperty({ description: 'in force now (started, not ended, not revoked)' }) inForce: boolean;
  @ApiProperty() grantedBy: string;
  @ApiProperty({ format: 'date-time' }) grantedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy: string | null;
}
