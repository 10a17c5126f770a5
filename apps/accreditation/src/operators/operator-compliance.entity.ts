import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The operator's compliance status as conduct-compliance last told it (ComplianceStatusChanged).
 * A grant needs `grantBlockedBecause` empty; no row at all blocks a grant too.
 */
@Entity({ name: 'operator_compliance' })
export class OperatorCompliance {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text')
  status: string;

  @Column('text', { name: 'grant_blocked_because', array: true, default: '{}' })
  grantBlockedBecause: string[];

  @Column('text', { array: true, default: '{}' })
  warnings: string[];

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  version: number;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}
