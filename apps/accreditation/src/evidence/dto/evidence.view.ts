import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** The content types evidence may have: those the configuration can accept (EVIDENCE_CONTENT_TYPES). */
export const EVIDENCE_FORMATS = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'];

/** A piece of evidence as the API shows it: its metadata and checksum; the bytes are read through /content. */
export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'premises-security', description: 'a criterion code of the questionnaire (GET /saq/criteria)' }) criterion: string;
  @ApiProperty({ example: 'site-plan', description: 'the evidence item of the criterion it answers (GET /saq/criteria)' }) evidenceItem: string;
  @ApiProperty({ example: 'site-plan.pdf' }) fileName: string;
  @ApiProperty({ enum: EVIDENCE_FORMATS }) contentType: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'set when the trader removed it from a draft; it stays on record' }) removedAt: Date | null;
}

/** The evidence of an application, per criterion. */
@ApiExtraModels(EvidenceView)
export class EvidenceListView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({
    type: 'object',
    description: 'by criterion code: the evidence attached to it, oldest first, removed items included; criteria without evidence are absent',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(EvidenceView) } },
  })
  byCriterion: Record<string, EvidenceView[]>;
}
