import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A change the holder notified: what changed, from what, to what. Never edited. */
@Entity({ name: 'operator_change' })
@Index('operator_change_by_operator', ['operatorId', 'notifiedAt'])
export class OperatorChange {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** Per field: { before, after }. */
  @Column('jsonb')
  changes: Record<string, { before: unknown; after: unknown }>;

  @Column('boolean')
  significant: boolean;

  /** What the holder said about the change. */
  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'notified_by' })
  notifiedBy: string;

  @Column('timestamptz', { name: 'notified_at' })
  notifiedAt: Date;
}
