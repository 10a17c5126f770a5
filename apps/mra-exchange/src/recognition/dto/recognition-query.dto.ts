import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** An operator as the asker's declaration names it. */
export class OperatorReferenceDto {
  @ApiProperty({ example: 'ZA', description: 'The administration that issued the AEO status' })
  @Matches(/^[A-Z]{2}$/, { message: 'issuer must be an ISO 3166 alpha-2 code' })
  issuer: string;

  @ApiProperty({ example: 'TIN', description: 'Identifier scheme as the declaration names the operator' })
  @IsString()
  @Length(1, 20)
  scheme: string;

  @ApiProperty({ example: '9012345678' })
  @IsString()
  @Length(1, 40)
  identifier: string;

  @ApiPropertyOptional({
    example: 'BW',
    description:
      "Who issued the identifier: the AEO's issuer (default), or this administration, whose own cross-reference then maps it",
  })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'identifierIssuer must be an ISO 3166 alpha-2 code' })
  identifierIssuer?: string;
}

export class RecognitionQueryDto extends OperatorReferenceDto {
  @ApiPropertyOptional({ example: '2026-11-26T00:00:00Z', description: 'The day to answer for; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ description: "Add to the evidence the record's inclusion proof in its issuer's log, against a checkpoint partners cosigned", default: false })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'proof must be true or false' })
  proof?: 'true' | 'false';
}

export class BatchRecognitionQueryDto {
  @ApiPropertyOptional({ example: '2026-11-26T00:00:00Z', description: 'The day to answer for; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiProperty({ type: [OperatorReferenceDto], description: 'Up to 1,000 operators' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => OperatorReferenceDto)
  operators: OperatorReferenceDto[];
}
