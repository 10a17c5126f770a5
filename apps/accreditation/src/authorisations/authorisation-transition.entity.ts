import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One step of an authorisation's history: who, when, why. Never edited. */
@Entity({ name: 'authorisation_transition' })
@Index('authorisation_transition_by_authorisation', ['authorisationId', 'at'])
export class AuthorisationTransition {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'authorisation_id' })
  authorisationId: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status' })
  toStatus: string;

  @Column('text')
  actor: string;

  @Column('text')
  reason: string;

  @Column('timestamptz')
  at: Date;
}
