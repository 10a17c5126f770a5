import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { AEO_TYPE_CODES, AeoTypeCode, AMENDMENT_KINDS, AmendmentKind, Benefit, BENEFITS } from '../arrangement.entity';

export class ArrangementPartyDto {
  @ApiProperty({ example: 'ZA' })
  @Matches(/^[A-Z]{2}$/, { message: 'administration must be an ISO 3166 alpha-2 code' })
  administration: string;

  @ApiProperty({ enum: AEO_TYPE_CODES, isArray: true, example: ['S', 'F'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(AEO_TYPE_CODES, { each: true })
  recognisedAeoTypes: AeoTypeCode[];

  @ApiProperty({ description: "The party's ES256 public key, SPKI PEM" })
  @IsString()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'publicKey must be an SPKI PEM public key' })
  publicKey: string;

  @ApiProperty({ example: 'ZA-1' })
  @IsString()
  @Length(1, 64)
  keyId: string;
}

export class CreateArrangementDto {
  @ApiProperty({ example: 'SACU regional AEO MRA' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: [ArrangementPartyDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ArrangementPartyDto)
  parties: ArrangementPartyDto[];

  @ApiProperty({ enum: BENEFITS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(BENEFITS, { each: true })
  benefits: Benefit[];

  @ApiProperty({ example: '2023-05-31' })
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'effectiveFrom must be a date (YYYY-MM-DD)' })
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2033-05-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'effectiveTo must be a date (YYYY-MM-DD)' })
  effectiveTo?: string;

  @ApiPropertyOptional({
    type: () => [ConfirmationDto],
    description: "Partners' confirmations already received (an MRA signed before it is recorded); this administration's own is implied",
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConfirmationDto)
  confirmations?: ConfirmationDto[];
}

export class SnapshotRequestDto {
  @ApiProperty({ example: 'BW', description: 'The partner asked for its snapshot' })
  @Matches(/^[A-Z]{2}$/, { message: 'issuer must be an ISO 3166 alpha-2 code' })
  issuer: string;
}

export class ConfirmationDto {
  @ApiProperty({ example: 'BW', description: 'The party whose confirmation this is' })
  @Matches(/^[A-Z]{2}$/, { message: 'administration must be an ISO 3166 alpha-2 code' })
  administration: string;

  @ApiProperty({ example: '2023-05-31' })
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'confirmedOn must be a date (YYYY-MM-DD)' })
  confirmedOn: string;

  @ApiProperty({ example: 'diplomatic note BW/MRA/2023/14', description: 'Where the confirmation can be found' })
  @IsString()
  @Length(1, 200)
  reference: string;
}

export class KeyRotationDto {
  @ApiProperty({ example: 'ZA' })
  @Matches(/^[A-Z]{2}$/, { message: 'administration must be an ISO 3166 alpha-2 code' })
  administration: string;

  @ApiProperty({ example: 'ZA-2' })
  @IsString()
  @Length(1, 64)
  keyId: string;

  @ApiProperty({ description: 'The new ES256 public key, SPKI PEM' })
  @IsString()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'publicKey must be an SPKI PEM public key' })
  publicKey: string;
}

export class AmendArrangementDto {
  @ApiPropertyOptional({ enum: BENEFITS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(BENEFITS, { each: true })
  benefits?: Benefit[];

  @ApiPropertyOptional({ example: '2023-05-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'effectiveFrom must be a date (YYYY-MM-DD)' })
  effectiveFrom?: string;

  @ApiPropertyOptional({ example: '2033-05-30', description: 'Ends the arrangement on that day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'effectiveTo must be a date (YYYY-MM-DD)' })
  effectiveTo?: string;
}

/** An amendment of an arrangement in force: a type or a party dropped, the arrangement suspended or resumed, from a day on. */
export class ArrangementAmendmentDto {
  @ApiProperty({ enum: AMENDMENT_KINDS, description: 'drop-type: a party\'s AEO type is no longer recognised; drop-party: a party leaves; suspend; resume' })
  @IsIn(AMENDMENT_KINDS, { message: `kind must be one of ${AMENDMENT_KINDS.join(', ')}` })
  kind: AmendmentKind;

  @ApiProperty({ example: '2026-12-01', description: 'The first day it applies; the days before keep the arrangement as it was' })
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'on must be a date (YYYY-MM-DD)' })
  on: string;

  @ApiPropertyOptional({ example: 'ZA', description: 'For drop-type and drop-party: the party' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'administration must be an ISO 3166 alpha-2 code' })
  administration?: string;

  @ApiPropertyOptional({ enum: AEO_TYPE_CODES, description: 'For drop-type: the AEO type the others no longer recognise' })
  @IsOptional()
  @IsIn(AEO_TYPE_CODES, { message: 'aeoType must be C, S or F' })
  aeoType?: AeoTypeCode;

  @ApiProperty({ example: 'Exchange of notes 2026/14', description: 'Why, and on what authority' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
