import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class WithheldEntryView {
  @ApiProperty({ description: 'RFC 9162 leaf hash of the record (SHA-256 of 0x00 and its bytes), hex', example: '5f0c…' })
  leafHash: string;
}

/** One number of the issuer's sequence: the record, signed, when addressed to the reader; withheld otherwise. */
export class FeedEntryView {
  @ApiProperty({ description: "The record's number in the issuer's sequence (from 1, without gaps)" })
  sequence: number;

  @ApiPropertyOptional({
    description:
      'The record as a compact JWS (ES256, header typ aeo-record+jwt, kid the MRA key): its payload is the record in JSON, named after the WCO Data Model (README, "Partners outside the federation")',
  })
  record?: string;

  @ApiPropertyOptional({
    format: 'byte',
    description: "The record as the issuer signed it into its log (protobuf RecognitionRecord, base64; proto/ is public): its leaf hash is SHA-256(0x00 || these bytes)",
  })
  protobuf?: string;

  @ApiPropertyOptional({ type: WithheldEntryView, description: 'A record addressed to other partners: its number and hash only' })
  withheld?: WithheldEntryView;
}

/** The issuer's signed checkpoint of its log after the last entry given. */
export class FeedCheckpointView {
  @ApiProperty({ description: 'origin, size and root hash (base64), one a line', example: 'aeo-registry/mra-log/ZA\n57\n…=\n' }) note: string;
  @ApiProperty({ format: 'byte', description: "ES256 signature (r||s) of the note by the issuer's MRA key, base64" }) signature: string;
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
}

export class FeedPageView {
  @ApiProperty({ example: 'ZA' }) issuer: string;
  @ApiProperty({ example: 'US', description: 'The partner reading, as its assertion says' }) partner: string;
  @ApiProperty({ type: [FeedEntryView] }) entries: FeedEntryView[];
  @ApiProperty({ description: 'The cursor to ask with next (after=next)' }) next: number;
  @ApiProperty({ description: 'More entries wait after this page' }) hasMore: boolean;
  @ApiPropertyOptional({ type: FeedCheckpointView, description: "The issuer's log checkpoint at `next`: the root of every leaf up to it" }) checkpoint?: FeedCheckpointView;
}

export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'Entries after this sequence number (0: from the start)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after = 0;

  @ApiPropertyOptional({ description: 'Most entries in the page', default: 500, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 500;
}

export class ConsistencyQueryDto {
  @ApiProperty({ description: 'The size of the log the partner checked last (a checkpoint it holds)', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ description: 'The size of the newer checkpoint, at most the log as it is now', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export class ConsistencyProofView {
  @ApiProperty({ example: 'ZA' }) issuer: string;
  @ApiProperty({ example: 1042 }) from: number;
  @ApiProperty({ example: 1057 }) to: number;
  @ApiProperty({
    type: [String],
    format: 'byte',
    description: 'RFC 9162 consistency proof (section 2.1.4) that the tree of `from` leaves is a prefix of the tree of `to` leaves: node hashes, base64',
  })
  proof: string[];
  @ApiProperty({ type: FeedCheckpointView, description: "The issuer's signed checkpoint at `to`" }) checkpoint: FeedCheckpointView;
}

export class BatchDateParams {
  @ApiProperty({ example: '2026-11-28', description: 'A UTC day' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a day, YYYY-MM-DD' })
  date: string;
}

export class BatchCheckpointView {
  @ApiProperty({ description: 'The size of the log the checkpoint signs' }) size: number;
  @ApiProperty({
    enum: ['verified', 'pending', 'inconsistent'],
    description:
      "verified: the root of the issuer's entries held here, 1 to size, is the checkpoint's; pending: entries before it are not all here yet (each entry needs its protobuf record or withheld leaf hash); inconsistent: the entries do not give its root (a log alert keeps the evidence)",
  })
  status: 'verified' | 'pending' | 'inconsistent';
}

export class BatchImportView {
  @ApiProperty({ example: 'US' }) issuer: string;
  @ApiProperty({ example: '2026-11-28' }) date: string;
  @ApiProperty({ description: 'Entries in the file' }) entries: number;
  @ApiProperty({ description: 'Records addressed here, stored now' }) stored: number;
  @ApiProperty({ description: 'Records addressed here and already held (the same file taken before)' }) alreadyHeld: number;
  @ApiProperty({ description: 'Numbers of records addressed to others (counted, not stored)' }) withheld: number;
  @ApiProperty({ description: "The highest number of the issuer's sequence seen" }) lastSequence: number;
  @ApiProperty({ type: [Number], description: 'Numbers still missing below it' }) missingSequences: number[];
  @ApiPropertyOptional({
    type: () => BatchCheckpointView,
    description: "The file's signed checkpoint, checked against the issuer's log as held here (when the file has one)",
  })
  checkpoint?: BatchCheckpointView;
}
