import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What accreditation knows of an operator, from operator-registry's events. */
@Entity({ name: 'known_operator' })
export class KnownOperator {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text', { name: 'legal_name' })
  legalName: string;

  /** The trader who acts for the operator. */
  @Column('text', { name: 'registered_by' })
  registeredBy: string;

  /** micro, small, medium or large; null when headcount and turnover were not given. */
  @Column('text', { name: 'size_class', nullable: true })
  sizeClass: string | null;

  /** Its identifiers as registered (TIN, EORI...), for the certificate. */
  @Column('jsonb', { default: () => "'[]'" })
  identifiers: { scheme: string; value: string; issuer: string }[];

}
