import { MandateColumns } from '@aeo/platform';
import { Column, Entity, Index } from 'typeorm';

/** A mandate the holder gave a representative: who, for which acts, from when, until when, and its revocation. Never deleted. */
@Entity({ name: 'representation' })
@Index('representation_by_operator', ['operatorId'])
@Index('representation_by_representative', ['representative'])
export class Representation extends MandateColumns {
  @Column('text', { name: 'granted_by' })
  grantedBy: string;

  @Column('timestamptz', { name: 'granted_at' })
  grantedAt: Date;

  @Column('text', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;
}
