import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence number given to each aggregate's messages (envelope `sequence`). */
@Entity({ name: 'aggregate_sequence' })
export class AggregateSequence {
  @PrimaryColumn('text', { name: 'aggregate_id' })
  aggregateId: string;

  @Column({ type: 'bigint', name: 'last_sequence' })
  lastSequence: string;
}
