import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One step in the life of an application or an authorisation: who, with which roles, when, why,
 * and the evidence (attachment ids, visit findings, the hearing answer). Rows are only ever
 * inserted: a database trigger refuses UPDATE, DELETE and TRUNCATE (migration Workflow), and each
 * row carries the SHA-256 of its content and of the operator's row before it (history-chain.ts),
 * so an edit made around the trigger shows when the chains are verified.
 */
@Entity({ name: 'transition' })
@Index('transition_by_application', ['applicationId', 'at'])
@Index('transition_by_authorisation', ['authorisationId', 'at'])
@Index('transition_by_operator', ['operatorId', 'position'])
export class Transition {
  @PrimaryColumn('uuid')
  id: string;

  /** Order of recording: the history reads in this order (several steps may share a timestamp). */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  position: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('uuid', { name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column('uuid', { name: 'authorisation_id', nullable: true })
  authorisationId: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'from_state', nullable: true })
  fromState: string | null;

  @Column('text', { name: 'to_state' })
  toState: string;

  @Column('text')
  actor: string;

  @Column('text', { array: true, default: '{}' })
  roles: string[];

  @Column('text', { nullable: true })
  reason: string | null;

  /** Evidence and details of the step: attachment ids, findings, deadlines set, the answer given. */
  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Column('timestamptz')
  at: Date;

  /** The hash of the row before in the chain; null for the first row. */
  @Column('char', { name: 'prev_hash', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 of this row's content and `prevHash`; null only for rows written before the chain existed. */
  @Column('char', { length: 64, nullable: true })
  hash: string | null;
}
