import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export class RecognitionQueryDto {
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

  @ApiPropertyOptional({ example: '2026-11-26T00:00:00Z', description: 'The day to answer for; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
