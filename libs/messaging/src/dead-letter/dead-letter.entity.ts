import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message a consumer could not take, kept (besides the dead-letter topic) until someone
 * handles it: hands it to its handler again once the cause is mended (re-drive), or sets it aside
 * with a note (discard). Handled ones are pruned after DEAD_LETTER_RETENTION_DAYS.
 */
@Entity({ name: 'dead_letter' })
@Index('dead_letter_open', ['consumer', 'deadAt'], { where: 'handled_at IS NULL' })
export class DeadLetter {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  consumer: string;

  @Column('text')
  topic: string;

  @Column('int')
  partition: number;

  @Column('text')
  offset: string;

  @Column('text')
  key: string;

  @Column('bytea')
  value: Buffer;

  @Column('jsonb')
  headers: Record<string, string>;

  /** invalid_message, no_handler, refused, handler_failed or held_expired. */
  @Column('text')
  kind: string;

  @Column('text')
  reason: string;

  @Column('timestamptz', { name: 'dead_at' })
  deadAt: Date;

  @Column('timestamptz', { name: 'handled_at', nullable: true })
  handledAt: Date | null;

  @Column('text', { name: 'handled_by', nullable: true })
  handledBy: string | null;

  /** redriven (handed to its handler again) or discarded. */
  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('text', { nullable: true })
  note: string | null;
}
