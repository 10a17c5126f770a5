import { create } from '@bufbuild/protobuf';
import { Events, ExchangeRequestKind, ExchangeRequestSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';

/** Asks an issuer to send records again: a replay to fill a gap, or a snapshot to reconcile from. */
@Injectable()
export class ExchangeRequester {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
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
    await this.outbox.append(manager, Events.exchangeRequests, {
      aggregateId: `${this.config.ADMINISTRATION}:${issuer}`,
      issuer,
      correlationId,
      occurredAt: this.clock.now(),
      message: create(ExchangeRequestSchema, {
        requestId,
        requester: this.config.ADMINISTRATION,
        issuer,
        kind: kind === 'replay' ? ExchangeRequestKind.REPLAY : ExchangeRequestKind.SNAPSHOT,
        fromSequence,
      }),
    });
    return requestId;
  }
}
