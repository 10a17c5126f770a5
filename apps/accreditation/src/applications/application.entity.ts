import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AEO_TYPES = ['C', 'S', 'F'] as const;
export type AeoTypeCode = (typeof AEO_TYPES)[number];

/** A trader's application for AEO status. */
@Entity({ name: 'application' })
export class Application {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('char', { name: 'aeo_type', length: 1 })
  aeoType: AeoTypeCode;

  /** submitted, then granted (the full workflow adds the stages in between). */
  @Column('text')
  status: 'submitted' | 'granted';

  @Column('text', { name: 'submitted_by' })
  submittedBy: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;
}
