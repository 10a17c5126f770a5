import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What conduct-compliance knows of an operator, from operator-registry's events. */
@Entity({ name: 'known_operator' })
export class KnownOperator {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'legal_name' })
  legalName: string;

  @Column('text', { name: 'registered_by' })
  registeredBy: string;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt: Date;

  /** Its identifiers as registered (TIN, EORI...): an imported personnel register names the operator by one. */
  @Column('jsonb', { default: () => "'[]'" })
  identifiers: { scheme: string; value: string; issuer: string }[];
}
