import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { OperatorReferenceDto } from '../../recognition/dto/recognition-query.dto';

/** Most suppliers in one check (a CSV list is sent in pieces of this size). */
export const MAX_SUPPLIERS = 200;

export class SupplierCheckDto {
  @ApiProperty({ type: [OperatorReferenceDto], description: `the business partners to check, 1 to ${MAX_SUPPLIERS}: the administration that would have granted the status, and an identifier it knows them by` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SUPPLIERS)
  @ValidateNested({ each: true })
  @Type(() => OperatorReferenceDto)
  suppliers: OperatorReferenceDto[];
}

export class SupplierAskedView {
  @ApiProperty({ example: 'BW' }) issuer: string;
  @ApiProperty({ example: 'TIN' }) scheme: string;
  @ApiProperty({ example: '9012345678' }) identifier: string;
}

/**
 * What a supplier check answers of one business partner: whether it is an AEO (of this
 * administration, or of a partner and recognised here), with the facts the public directory
 * shows. Only holders that consented to publication are found; the signed evidence is for customs.
 */
export class SupplierAnswerView {
  @ApiProperty({ type: SupplierAskedView }) asked: SupplierAskedView;
  @ApiProperty({ description: 'an AEO in force, that consented to publication' }) aeo: boolean;
  @ApiPropertyOptional({ example: 'Kgalagadi Haulage (Pty) Ltd' }) holder?: string;
  @ApiPropertyOptional({ example: 'BW', description: 'the administration that granted it' }) country?: string;
  @ApiPropertyOptional({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType?: 'AEO-C' | 'AEO-S' | 'AEO-F';
  @ApiPropertyOptional({ example: 'BWAEOF0000012' }) certificateNumber?: string;
  @ApiPropertyOptional({ format: 'date', description: 'valid until' }) validTo?: string;
  @ApiPropertyOptional({ description: "for a partner's AEO: this administration recognises it under an MRA today" }) recognisedHere?: boolean;
  @ApiPropertyOptional({ description: 'why it is not found as an AEO' }) reason?: string;
}
