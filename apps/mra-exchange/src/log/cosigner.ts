import { create } from '@bufbuild/protobuf';
import { CosignatureSchema, Events, SignedCheckpoint, SignedCheckpointSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { arePartners } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeSigner } from '../signing/exchange-signer';
import { parseCheckpoint } from './checkpoint';

/**
 * Witnesses the issuers' logs: a checkpoint found here to match the leaves received is cosigned
 * with this administration's MRA key and sent to the other partners of that issuer (those that
 * share an MRA with it, as known here), who compare it with the checkpoint of the same size they got.
 *
 * At most one cosignature an issuer per COSIGN_INTERVAL_MS: the first checkpoint found right after
 * a quiet interval is cosigned at once; those found right within the interval are not, and when it
 * has passed the latest of them is (a timer here; at start, any left from before a restart). Every
 * partner receives every checkpoint of the issuer, so the one cosigned has its match at each of them.
 */
@Injectable()
export class Cosigner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly signer: ExchangeSigner,
    private readonly cache: ArrangementCache,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const left: { issuer: string }[] = await this.dataSource.query(`SELECT issuer FROM partner_log WHERE verified_size > cosigned_size`);
    for (const { issuer } of left) this.later(issuer, 0);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** `checkpoint` of `issuer` was just found right here; the caller holds the issuer's partner_log row. */
  async verified(manager: EntityManager, issuer: string, checkpoint: SignedCheckpoint, correlationId?: string): Promise<void> {
    const [log]: { cosigned_at: Date | null }[] = await manager.query(`SELECT cosigned_at FROM partner_log WHERE issuer = $1`, [issuer]);
    const wait = this.wait(log?.cosigned_at ?? null);
    if (wait > 0) return this.later(issuer, wait);
    await this.cosign(manager, issuer, checkpoint, correlationId);
  }

  /** Milliseconds until the issuer's log may be cosigned again (0: now). */
  private wait(cosignedAt: Date | null): number {
    if (!cosignedAt) return 0;
    const interval = this.config.COSIGN_INTERVAL_MS;
    return Math.max(0, Math.min(interval, cosignedAt.getTime() + interval - this.clock.now().getTime()));
  }

  private later(issuer: string, ms: number): void {
    if (this.stopped || this.timers.has(issuer)) return;
    const timer = setTimeout(() => {
      this.timers.delete(issuer);
      this.cosignLatest(issuer).catch((e: Error) => {
        this.logger.error({ issuer, err: e.message }, "cosigning the issuer's latest checkpoint failed; trying again");
        this.later(issuer, Math.max(1000, this.config.COSIGN_INTERVAL_MS));
      });
    }, ms);
    this.timers.set(issuer, timer);
  }

  /** The issuer's largest checkpoint found right, unless it is cosigned already (another replica may have). */
  private async cosignLatest(issuer: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [log]: { verified_size: string; cosigned_size: string; cosigned_at: Date | null }[] = await manager.query(
        `SELECT verified_size, cosigned_size, cosigned_at FROM partner_log WHERE issuer = $1 FOR UPDATE`,
        [issuer],
      );
      if (!log || BigInt(log.verified_size) <= BigInt(log.cosigned_size)) return;
      const wait = this.wait(log.cosigned_at);
      if (wait > 0) return this.later(issuer, wait);
      const [c]: { note: Buffer; signature: Buffer; key_id: string }[] = await manager.query(
        `SELECT note, signature, key_id FROM partner_checkpoint WHERE issuer = $1 AND size = $2`,
        [issuer, log.verified_size],
      );
      if (c) await this.cosign(manager, issuer, create(SignedCheckpointSchema, { note: c.note, signature: c.signature, keyId: c.key_id }));
    });
  }

  private async cosign(manager: EntityManager, issuer: string, checkpoint: SignedCheckpoint, correlationId?: string): Promise<void> {
    const arrangements = await this.cache.arrangements(manager);
    const witnesses = this.config.partners.filter((p) => p !== issuer && arePartners(arrangements, p, issuer));
    if (witnesses.length === 0) return;
    const message = create(CosignatureSchema, {
      issuer,
      cosigner: this.config.ADMINISTRATION,
      checkpoint,
      signature: this.signer.sign(checkpoint.note),
      keyId: this.signer.keyId,
    });
    const now = this.clock.now();
    await this.outbox.appendMany(
      manager,
      Events.cosignatures,
      witnesses.map((recipient) => ({ aggregateId: `${issuer}:${this.config.ADMINISTRATION}`, recipient, correlationId, occurredAt: now, message })),
    );
    await manager.query(`UPDATE partner_log SET cosigned_size = greatest(cosigned_size, $2), cosigned_at = $3 WHERE issuer = $1`, [
      issuer,
      String(parseCheckpoint(checkpoint.note)!.size),
      now,
    ]);
  }
}
