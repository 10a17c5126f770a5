import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const CODE_STATUSES = ['submitted', 'accepted', 'returned', 'superseded'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

/**
 * A version of an AEO's Code of Conduct (SAFE FoS 2025): its text with a checksum, when and by
 * whom in management it was adopted, and customs' review. A new version supersedes the last.
 */
@Entity({ name: 'code_of_conduct' })
@Index('code_of_conduct_version', ['operatorId', 'version'], { unique: true })
export class CodeOfConduct {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('int')
  version: number;

  @Column('text')
  text: string;

  /** SHA-256 of the text, hex. */
  @Column('char', { length: 64 })
  checksum: string;

  @Column('date', { name: 'adopted_on' })
  adoptedOn: string;

  @Column('jsonb', { name: 'approved_by' })
  approvedBy: { name: string; function: string };

  @Column('text')
  status: CodeStatus;

  @Column('text', { name: 'submitted_by' })
  submittedBy: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('text', { name: 'reviewed_by', nullable: true })
  reviewedBy: string | null;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  @Column('text', { name: 'review_reason', nullable: true })
  reviewReason: string | null;
}
