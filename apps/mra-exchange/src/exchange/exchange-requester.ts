import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Events, ExchangeRequestKind, ExchangeRequestSchema, SignedExchangeRequestSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeSigner } from '../signing/exchange-signer';

/**
 * Asks an issuer to send records again: a replay to fill a gap, or a snapshot to reconcile from.
 * Signed with this administration's key, which the issuer knows from the MRA.
 */
@Injectable()
export class ExchangeRequester {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly signer: ExchangeSigner,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async request(
    manager: EntityManager,
    issuer: string,
    kind: 'replay' | 'snapshot',
    fromSequence = 1n,
    correlationId?: string,
  ): Promise<string> {
    const requestId = randomUUID();
    const now = this.clock.now();
    const request = toBinary(
      ExchangeRequestSchema,
      create(ExchangeRequestSchema, {
        requestId,
        requester: this.config.ADMINISTRATION,
        issuer,
        kind: kind === 'replay' ? ExchangeRequestKind.REPLAY : ExchangeRequestKind.SNAPSHOT,
        fromSequence,
        requestedAt: timestampFromDate(now),
      }),
    );
    await this.outbox.append(manager, Events.exchangeRequests, {
      aggregateId: `${this.config.ADMINISTRATION}:${issuer}`,
      recipient: issuer,
      correlationId,
      occurredAt: now,
      message: create(SignedExchangeRequestSchema, { request, signature: this.signer.sign(request), keyId: this.signer.keyId }),
    });
    return requestId;
  }
}
