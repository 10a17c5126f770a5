import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SENSITIVE_ACCESS = ['cargo', 'data', 'premises'] as const;
export type SensitiveAccess = (typeof SENSITIVE_ACCESS)[number];

/**
 * One person in a personnel register: an AEO's (operatorId set) or customs' own accreditation
 * staff (operatorId null). A sensitive position gives access to cargo, data or premises.
 */
@Entity({ name: 'person' })
@Index('person_by_operator', ['operatorId'])
export class Person {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id', nullable: true })
  operatorId: string | null;

  @Column('text')
  name: string;

  @Column('text')
  role: string;

  @Column('text', { name: 'sensitive_access', array: true, default: '{}' })
  sensitiveAccess: SensitiveAccess[];

  @Column('date', { name: 'started_on' })
  startedOn: string;

  @Column('date', { name: 'left_on', nullable: true })
  leftOn: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  /** The bulk import the person came in by (import_run), if they did. */
  @Column('uuid', { name: 'import_run_id', nullable: true })
  importRunId: string | null;
}
