import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, Relation } from 'typeorm';
import { ConsentRecord } from '../consents/consent-record.entity';
import { OperatorIdentifier } from '../identifiers/operator-identifier.entity';

export interface OperatorAddress {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

/** A trader known to this administration's registry. */
@Entity({ name: 'operator' })
export class Operator {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'legal_name' })
  legalName: string;

  @Column('jsonb')
  address: OperatorAddress;

  /** Subject of the trader who registered it; that trader acts for the operator. */
  @Column('text', { name: 'registered_by' })
  registeredBy: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @OneToMany(() => OperatorIdentifier, (i) => i.operator)
  identifiers: Relation<OperatorIdentifier[]>;

  @OneToMany(() => ConsentRecord, (c) => c.operator)
  consents: Relation<ConsentRecord[]>;
}
