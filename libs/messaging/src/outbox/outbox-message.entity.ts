import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message waiting to be published, written in the same transaction as the change it tells of.
 * Rows are kept after publication (published_at set) as the service's record of what it said.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['position'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** The message id (envelope message_id); consumers drop duplicates by it. */
  @PrimaryColumn('uuid')
  id: string;

  /** Publication order. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  position: string;

  @Column('text')
  topic: string;

  /** The aggregate id; Kafka's message key. */
  @Column('text')
  key: string;

  /** The protobuf-encoded envelope. */
  @Column('bytea')
  value: Buffer;

  @Column('jsonb')
  headers: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
