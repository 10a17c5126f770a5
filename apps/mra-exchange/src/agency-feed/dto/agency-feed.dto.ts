import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AgencyFeedQuery {
  @ApiPropertyOptional({ default: 0, description: 'the last position already read (0: from the start)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AgencyIdentifierView {
  @ApiProperty({ example: 'TIN' }) scheme: string;
  @ApiProperty({ example: '9012345678' }) value: string;
  @ApiProperty({ example: 'ZA' }) issuer: string;
}

/** One status change of a published AEO, as an agency reads it. */
export class AgencyStatusChangeView {
  @ApiProperty({ example: '42', description: 'position in the feed: pass the last one read as `after`' }) position: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ example: 'Ubuntu Freight (Pty) Ltd' }) operatorName: string;
  @ApiProperty({ type: [AgencyIdentifierView] }) identifiers: AgencyIdentifierView[];
  @ApiProperty({ example: 'ZAAEOF0000001' }) certificateNumber: string;
  @ApiProperty({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType: 'AEO-C' | 'AEO-S' | 'AEO-F';
  @ApiProperty({ enum: ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'] }) status: string;
  @ApiProperty({ format: 'date-time' }) statusSince: string;
  @ApiProperty({ format: 'date-time' }) validTo: string;
  @ApiProperty({ description: 'false: the holder withdrew its consent to publication; forget this AEO' }) published: boolean;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class AgencyFeedPageView {
  @ApiProperty({ type: [AgencyStatusChangeView] }) items: AgencyStatusChangeView[];
  @ApiProperty({ example: '42', description: 'the position to pass as `after` next time' }) next: string;
  @ApiProperty({ description: 'more entries are waiting after this page' }) more: boolean;
}
