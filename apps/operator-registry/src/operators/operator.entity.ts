import type { ImportedFrom } from '@aeo/platform';
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

  @Column('jsonb', { name: 'trading_names', default: () => "'[]'" })
  tradingNames: string[];

  /** Roles in the supply chain (SUPPLY_CHAIN_ROLES). */
  @Column('jsonb', { default: () => "'[]'" })
  roles: string[];

  @Column('jsonb', { default: () => "'[]'" })
  sites: { name: string; kind: string; address: OperatorAddress }[];

  @Column('jsonb', { default: () => "'[]'" })
  contacts: { name: string; role: string; email: string; phone?: string }[];

  @Column('int', { nullable: true })
  employees: number | null;

  @Column('numeric', { name: 'annual_turnover', nullable: true })
  annualTurnover: string | null;

  /** Derived from employees and turnover (size-class.ts); null when they were not given. */
  @Column('text', { name: 'size_class', nullable: true })
  sizeClass: string | null;

  /** Subject of the trader who registered it; that trader acts for the operator. */
  @Column('text', { name: 'registered_by' })
  registeredBy: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  /** Set when the operator came in by a bulk import: the file (name, SHA-256), its line, who ran it, when. */
  @Column('jsonb', { name: 'imported_from', nullable: true })
  importedFrom: ImportedFrom | null;

  @OneToMany(() => OperatorIdentifier, (i) => i.operator)
  identifiers: Relation<OperatorIdentifier[]>;

  @OneToMany(() => ConsentRecord, (c) => c.operator)
  consents: Relation<ConsentRecord[]>;
}
