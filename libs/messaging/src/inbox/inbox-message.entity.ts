import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A message a consumer has handled; inserting it in the handler's transaction makes handling idempotent. */
@Entity({ name: 'inbox' })
export class InboxMessage {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId: string;

  @Column('text')
  topic: string;

  @CreateDateColumn({ name: 'handled_at', type: 'timestamptz' })
  handledAt: Date;
}
