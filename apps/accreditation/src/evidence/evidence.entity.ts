import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A document attached to an application as evidence for one criterion. The bytes are kept in
 * PostgreSQL with their SHA-256, so they are as durable and as backed-up as the rest of the case.
 */
@Entity({ name: 'evidence' })
@Index('evidence_by_application', ['applicationId', 'criterion'])
export class Evidence {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text')
  criterion: string;

  /** Which evidence item of the criterion it answers (saq/questionnaire.ts), on the route chosen. */
  @Column('text', { name: 'evidence_item' })
  evidenceItem: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int')
  size: number;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('bytea', { select: false })
  content: Buffer;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy: string;

  @Column('timestamptz', { name: 'uploaded_at' })
  uploadedAt: Date;

  /** Set when the trader removed it from a draft; the row and the bytes stay. */
  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}
