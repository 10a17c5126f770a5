import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence number this registry gave its outbound records (one row: its own administration). */
@Entity({ name: 'issuer_sequence' })
export class IssuerSequence {
  @PrimaryColumn('char', { length: 2 })
  issuer: string;

  @Column('bigint', { name: 'last_sequence' })
  lastSequence: string;
}
