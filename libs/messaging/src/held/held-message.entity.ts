import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message that came before what it needs (an MRA partner's record before the arrangement is
 * active here, say): kept whole, as delivered, until the service releases its hold key; then it
 * is handled as if it had just arrived. One that nothing releases in time goes to the dead letter.
 */
@Entity({ name: 'held_message' })
@Index('held_message_by_key', ['consumer', 'holdKey', 'heldAt'])
export class HeldMessage {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId: string;

  /** What releases it, e.g. `partner:ZA`. */
  @Column('text', { name: 'hold_key' })
  holdKey: string;

  @Column('text')
  reason: string;

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

  @CreateDateColumn({ name: 'held_at', type: 'timestamptz' })
  heldAt: Date;
}
