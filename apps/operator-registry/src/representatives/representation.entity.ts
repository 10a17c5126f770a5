import { Mandate } from '@aeo/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A mandate the holder gave a representative: who, for which acts, from when, until when, and its revocation. Never deleted. */
@Entity({ name: 'representation' })
@Index('representation_by_operator', ['operatorId'])
@Index('representation_by_representative', ['representative'])
export class Representation implements Mandate {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** Subject of the representative's user. */
  @Column('text')
  representative: string;

  @Column('text', { array: true })
  acts: string[];

  @Column('timestamptz', { name: 'valid_from' })
  validFrom: Date;

  @Column('timestamptz', { name: 'valid_to', nullable: true })
  validTo: Date | null;

  @Column('text', { name: 'granted_by' })
  grantedBy: string;

  @Column('timestamptz', { name: 'granted_at' })
  grantedAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;
}
