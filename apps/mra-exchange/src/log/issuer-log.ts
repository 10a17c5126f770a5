import { SignedCheckpoint } from '@aeo/contracts';
import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { OutboundRecord } from '../outbound/holder.entities';
import { ExchangeSigner } from '../signing/exchange-signer';
import { checkpointNote, signedCheckpoint } from './checkpoint';
import { IssuerLog } from './log.entities';
import { Frontier, leafHash } from './merkle';

/**
 * This administration's log of the records it sends: each record, in sequence, a leaf of an
 * RFC 9162 tree; after each, a checkpoint of the tree signed with the MRA key travels with it.
 * Only the frontier is kept (O(log n)); a log that lags the records (records sent before the log
 * existed) is rebuilt from them once.
 */
@Injectable()
export class IssuerLogWriter {
  constructor(
    private readonly signer: ExchangeSigner,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  /**
   * Appends the records numbered from `first` on, in order, a chunk at a time; the caller holds the
   * issuer sequence's row lock. The checkpoint after each chunk, signed.
   */
  async appendChunks(manager: EntityManager, first: bigint, chunks: Uint8Array[][]): Promise<SignedCheckpoint[]> {
    let frontier = await this.frontier(manager, Number(first) - 1);
    const checkpoints: SignedCheckpoint[] = [];
    for (const chunk of chunks) {
      frontier = frontier.extend(chunk.map(leafHash));
      checkpoints.push(this.sign(frontier));
    }
    await manager.query(
      `INSERT INTO issuer_log (issuer, size, frontier) VALUES ($1, $2, $3)
       ON CONFLICT (issuer) DO UPDATE SET size = EXCLUDED.size, frontier = EXCLUDED.frontier`,
      [this.config.ADMINISTRATION, String(frontier.size), JSON.stringify(frontier.toJSON())],
    );
    return checkpoints;
  }

  /** The log as it stood at `size` records (where a replay starts), rebuilt from the records sent. */
  at(manager: EntityManager, size: number): Promise<Frontier> {
    return this.frontier(manager, size);
  }

  /** The signed checkpoint of a tree (after an entry, or a chunk of a replay). */
  sign(frontier: Frontier): SignedCheckpoint {
    return signedCheckpoint(checkpointNote(this.config.ADMINISTRATION, frontier.size, frontier.root()), (b) => this.signer.sign(b), this.signer.keyId);
  }

  /** The frontier at `size`: as kept, or rebuilt from the records sent. */
  private async frontier(manager: EntityManager, size: number): Promise<Frontier> {
    const [row]: Pick<IssuerLog, 'size' | 'frontier'>[] = await manager.query(`SELECT size::text AS size, frontier FROM issuer_log WHERE issuer = $1`, [this.config.ADMINISTRATION]);
    if (row && Number(row.size) === size) return Frontier.fromJSON(row.frontier);
    const records: Pick<OutboundRecord, 'record'>[] = await manager
      .createQueryBuilder(OutboundRecord, 'r')
      .select('r.record', 'record')
      .where('r.sequence <= :size', { size: String(size) })
      .orderBy('r.sequence', 'ASC')
      .getRawMany();
    const frontier = new Frontier().extend(records.map((r) => leafHash(r.record)));
    if (frontier.size !== size) throw new Error(`the log cannot be rebuilt to ${size}: ${frontier.size} records sent`);
    return frontier;
  }
}
