import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Insider-threat awareness training one person took: course, date, valid until. */
@Entity({ name: 'training' })
@Index('training_by_person', ['personId', 'validUntil'])
export class Training {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  course: string;

  @Column('date', { name: 'completed_on' })
  completedOn: string;

  @Column('date', { name: 'valid_until' })
  validUntil: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
