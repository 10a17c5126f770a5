import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The head of an operator's history chain (history-chain.ts): the hash of its last chained row.
 * Appending takes this row's lock, so an operator's rows are chained one at a time, and reads the
 * hash to chain to from it; a row removed from the end of a chain then shows at the next append,
 * whose predecessor is no longer there.
 */
@Entity({ name: 'transition_chain_head' })
export class ChainHead {
  @PrimaryColumn('uuid', { name: 'operator_id' })
  operatorId: string;

  /** Null until the operator's first chained row. */
  @Column('char', { length: 64, nullable: true })
  hash: string | null;
}
