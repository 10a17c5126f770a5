import { create } from '@bufbuild/protobuf';
import { CosignatureSchema, Events, SignedCheckpoint } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { arePartners } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeSigner } from '../signing/exchange-signer';

/**
 * Witnesses the issuers' logs: a checkpoint found here to match the leaves received is cosigned
 * with this administration's MRA key and sent to the other partners of that issuer (those that
 * share an MRA with it, as known here), who compare it with the checkpoint of the same size they got.
 */
@Injectable()
export class Cosigner {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly signer: ExchangeSigner,
    private readonly cache: ArrangementCache,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async cosign(manager: EntityManager, issuer: string, checkpoint: SignedCheckpoint, correlationId?: string): Promise<void> {
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
  }
}
