import { create } from '@bufbuild/protobuf';
import { CosignatureSchema, Events, SignedCheckpoint, SignedCheckpointSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
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
 * has passed the latest of them is (a timer here; at start, any left from before a restart; when the
 * service stops, at once). The interval is this process's own (elapsed time, not the service's
 * clock, which tests may hold still); two replicas may each cosign once in it. Every partner that
 * follows the issuer live receives every checkpoint, so the one cosigned has its match there.
 */
@Injectable()
export class Cosigner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When this process last cosigned each issuer's log (performance.now()). */
  private readonly lastCosigned = new Map<string, number>();
  /** The correlation id of the latest checkpoint found right and waiting, per issuer. */
  private readonly waiting = new Map<string, string | undefined>();
  private readonly inFlight = new Set<Promise<void>>();
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

  /** Stopping: what waits is cosigned now (the relay of this or another replica sends it), and what is under way finishes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const pending = [...this.timers.keys()];
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
    await Promise.all(pending.map((issuer) => this.cosignLatest(issuer, true).catch((e: Error) => this.logger.error({ issuer, err: e.message }, 'cosigning at shutdown failed; cosigned at the next start'))));
  }

  /** `checkpoint` of `issuer` was just found right here; the caller holds the issuer's partner_log row. */
  async verified(manager: EntityManager, issuer: string, checkpoint: SignedCheckpoint, correlationId?: string): Promise<void> {
    const wait = this.wait(issuer);
    if (wait > 0 && !this.stopped) {
      this.waiting.set(issuer, correlationId);
      return this.later(issuer, wait);
    }
    await this.cosign(manager, issuer, checkpoint, correlationId);
  }

  /** Milliseconds until this process may cosign the issuer's log again (0: now). */
  private wait(issuer: string): number {
    const last = this.lastCosigned.get(issuer);
    return last === undefined ? 0 : Math.max(0, last + this.config.COSIGN_INTERVAL_MS - performance.now());
  }

  private later(issuer: string, ms: number): void {
    if (this.stopped || this.timers.has(issuer)) return;
    const timer = setTimeout(() => {
      this.timers.delete(issuer);
      const run = this.cosignLatest(issuer, false).catch((e: Error) => {
        this.logger.error({ issuer, err: e.message }, "cosigning the issuer's latest checkpoint failed; trying again");
        this.later(issuer, Math.max(1000, this.config.COSIGN_INTERVAL_MS));
      });
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }, ms);
    this.timers.set(issuer, timer);
  }

  /** The issuer's largest checkpoint found right, unless it is cosigned already (another replica may have). */
  private async cosignLatest(issuer: string, now: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [log]: { verified_size: string; cosigned_size: string }[] = await manager.query(
        `SELECT verified_size, cosigned_size FROM partner_log WHERE issuer = $1 FOR UPDATE`,
        [issuer],
      );
      if (!log || BigInt(log.verified_size) <= BigInt(log.cosigned_size)) return;
      const wait = this.wait(issuer);
      if (wait > 0 && !now) return this.later(issuer, wait);
      const [c]: { note: Buffer; signature: Buffer; key_id: string }[] = await manager.query(
        `SELECT note, signature, key_id FROM partner_checkpoint WHERE issuer = $1 AND size = $2`,
        [issuer, log.verified_size],
      );
      if (c) await this.cosign(manager, issuer, create(SignedCheckpointSchema, { note: c.note, signature: c.signature, keyId: c.key_id }), this.waiting.get(issuer));
    });
  }

  private async cosign(manager: EntityManager, issuer: string, checkpoint: SignedCheckpoint, correlationId?: string): Promise<void> {
    const arrangements = await this.cache.arrangements(manager);
    const witnesses = this.config.partners.filter((p) => p !== issuer && arePartners(arrangements, p, issuer));
    if (witnesses.length > 0) {
      const now = this.clock.now();
      const message = create(CosignatureSchema, {
        issuer,
        cosigner: this.config.ADMINISTRATION,
        checkpoint,
        signature: this.signer.sign(checkpoint.note),
        keyId: this.signer.keyId,
      });
      await this.outbox.appendMany(
        manager,
        Events.cosignatures,
        witnesses.map((recipient) => ({ aggregateId: `${issuer}:${this.config.ADMINISTRATION}`, recipient, correlationId, occurredAt: now, message })),
      );
    }
    // Recorded with no witnesses too (a bilateral MRA): nothing is left waiting for them.
    await manager.query(`UPDATE partner_log SET cosigned_size = greatest(cosigned_size, $2) WHERE issuer = $1`, [issuer, String(parseCheckpoint(checkpoint.note)!.size)]);
    this.lastCosigned.set(issuer, performance.now());
    this.waiting.delete(issuer);
  }
}
