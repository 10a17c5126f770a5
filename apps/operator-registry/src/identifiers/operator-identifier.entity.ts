import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Operator } from '../operators/operator.entity';

/** One entry of the identifier cross-reference: an identifier, its scheme and issuer, its validity. */
@Entity({ name: 'operator_identifier' })
@Index('operator_identifier_unique', ['scheme', 'issuer', 'value'], { unique: true })
export class OperatorIdentifier {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @ManyToOne(() => Operator, (o) => o.identifiers, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id' })
  operator: Relation<Operator>;

  @Column('text')
  scheme: string;

  @Column('text')
  value: string;

  @Column('char', { length: 2 })
  issuer: string;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo: string | null;
}
