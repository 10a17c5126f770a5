import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What notifications knows of an operator: who acts for it, and the last states it was told of. */
@Entity({ name: 'known_operator' })
export class KnownOperator {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'legal_name' })
  legalName: string;

  /** Subject of the trader who registered it: the one told of its applications and authorisations. */
  @Column('text', { name: 'registered_by' })
  registeredBy: string;

  /** The compliance state last told (compliant, warning, blocking); a notice goes out when it changes. */
  @Column('text', { name: 'compliance_state', nullable: true })
  complianceState: string | null;

  /** Version of that compliance status (an older one arriving late is not told). */
  @Column('bigint', { name: 'compliance_version', nullable: true })
  complianceVersion: string | null;

  /** The incident whose proposed suspension the supervisors were last told of. */
  @Column('uuid', { name: 'suspension_incident', nullable: true })
  suspensionIncident: string | null;
}
