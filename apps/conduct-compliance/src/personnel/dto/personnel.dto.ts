import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { SENSITIVE_ACCESS, SensitiveAccess } from '../person.entity';

export class PersonDto {
  @ApiProperty({ example: 'Thandi Nkosi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'warehouse supervisor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  role: string;

  @ApiProperty({ enum: SENSITIVE_ACCESS, isArray: true, description: 'what the position gives access to; empty when not sensitive' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(3)
  @IsIn(SENSITIVE_ACCESS, { each: true })
  sensitiveAccess: SensitiveAccess[];

  @ApiProperty({ example: '2024-03-01' })
  @IsISO8601({ strict: true })
  startedOn: string;
}

export class UpdatePersonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  role?: string;

  @ApiPropertyOptional({ enum: SENSITIVE_ACCESS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(3)
  @IsIn(SENSITIVE_ACCESS, { each: true })
  sensitiveAccess?: SensitiveAccess[];

  @ApiPropertyOptional({ example: '2027-01-31', nullable: true, description: 'the day the person left; null to undo' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true })
  leftOn?: string | null;
}

export class TrainingDto {
  @ApiProperty({ example: 'Insider threats and internal conspiracies (WCO e-learning)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  course: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsISO8601({ strict: true })
  completedOn: string;

  @ApiProperty({ example: '2027-10-01' })
  @IsISO8601({ strict: true })
  validUntil: string;
}
