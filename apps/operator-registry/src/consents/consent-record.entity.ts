import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Operator } from '../operators/operator.entity';

/**
 * A consent given or withdrawn (SARS rule 64E.14): never edited, the newest record is in force.
 */
@Entity({ name: 'consent_record' })
export class ConsentRecord {
  @PrimaryColumn('uuid')
  id: string;

  /** Order of recording; the highest is in force. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  position: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @ManyToOne(() => Operator, (o) => o.consents, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id' })
  operator: Relation<Operator>;

  /** Share AEO data with MRA partners. */
  @Column('boolean', { name: 'share_with_partners' })
  shareWithPartners: boolean;

  /** Appear in the public directory. */
  @Column('boolean', { name: 'publish_in_directory' })
  publishInDirectory: boolean;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;
}
