import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An exchange request this issuer answered: each is answered once, a copy posted again is not. */
@Entity({ name: 'answered_request' })
export class AnsweredRequest {
  @PrimaryColumn('char', { length: 2 })
  requester: string;

  @PrimaryColumn('uuid', { name: 'request_id' })
  requestId: string;

  /** replay or snapshot. */
  @Column('text')
  kind: string;

  @Column('timestamptz', { name: 'answered_at' })
  answeredAt: Date;
}
