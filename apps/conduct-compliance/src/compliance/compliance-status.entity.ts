import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplianceReason } from './compliance-rules';

/** The status last derived for an operator and told to the other services (ComplianceStatusChanged). */
@Entity({ name: 'compliance_status' })
export class ComplianceStatus {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text')
  status: string;

  @Column('text', { name: 'grant_blocked_because', array: true, default: '{}' })
  grantBlockedBecause: string[];

  @Column('text', { array: true, default: '{}' })
  warnings: string[];

  /** The same reasons by rule, blocks first (grantBlockedBecause, then warnings, are their English words). */
  @Column('jsonb', { default: () => "'[]'" })
  reasons: ComplianceReason[];

  @Column('numeric', { nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  coverage: number | null;

  @Column('timestamptz', { name: 'declaration_due' })
  declarationDue: Date;

  @Column('boolean', { name: 'declaration_overdue' })
  declarationOverdue: boolean;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  version: number;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}
