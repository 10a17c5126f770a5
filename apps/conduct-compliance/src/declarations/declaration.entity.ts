import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A periodic declaration by the AEO that it complies with its Code of Conduct. */
@Entity({ name: 'declaration' })
@Index('declaration_by_operator', ['operatorId', 'declaredAt'])
export class Declaration {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** The version of the code declared against (the accepted one at the time). */
  @Column('int', { name: 'code_version' })
  codeVersion: number;

  @Column('text')
  statement: string;

  @Column('jsonb', { name: 'declared_by' })
  declaredBy: { name: string; function: string };

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'declared_at' })
  declaredAt: Date;
}
