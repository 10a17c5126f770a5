import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A deadline event the scheduler has sent, kept so each is sent once per deadline date. */
@Entity({ name: 'deadline_notice' })
export class DeadlineNotice {
  /** subject id + deadline kind + notice (approaching-7, missed, reminder-90...) + due date. */
  @PrimaryColumn('text')
  key: string;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('text')
  deadline: string;

  @Column('text')
  notice: string;

  @Column('timestamptz')
  due: Date;

  @Column('timestamptz', { name: 'sent_at' })
  sentAt: Date;
}
