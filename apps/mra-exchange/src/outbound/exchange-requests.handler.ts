import { create } from '@bufbuild/protobuf';
import { Events, ExchangeRequest, ExchangeRequestKind, SignedRecognitionRecordSchema } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent, OutboxWriter, PermanentMessageError } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { Logger } from 'pino';
import { arePartners } from '../arrangements/arrangement-coverage';
import { Arrangement } from '../arrangements/arrangement.entity';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { OutboundRecord } from './holder.entities';

class ExchangeRequestMessage {
  @IsUUID()
  requestId: string;

  @Matches(/^[A-Z]{2}$/, { message: 'requester must be an ISO 3166 alpha-2 code' })
  requester: string;

  @Matches(/^[A-Z]{2}$/, { message: 'issuer must be an ISO 3166 alpha-2 code' })
  issuer: string;

  @IsIn([ExchangeRequestKind.REPLAY, ExchangeRequestKind.SNAPSHOT], { message: 'kind must be replay or snapshot' })
  kind: ExchangeRequestKind;
}

/** Most records one replay sends; a receiver still missing some asks again from there. */
const REPLAY_LIMIT = 20000;

/**
 * Partners' requests to this issuer: send again, exactly as first signed, the records from a
 * sequence number on (replay), or the latest record of every AEO shared (snapshot).
 */
@Controller()
export class ExchangeRequestsHandler {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(...onEvent(Events.exchangeRequests, ExchangeRequestMessage, { federation: 'own' }))
  async onRequest(@Payload() event: InboundEvent<ExchangeRequest>, @Ctx() ctx: InboxContext) {
    const request = event.message;
    if (request.issuer !== this.config.ADMINISTRATION) {
      throw new PermanentMessageError(`request addressed to ${request.issuer}, not to ${this.config.ADMINISTRATION}`);
    }
    if (request.requester !== event.envelope.administration) {
      throw new PermanentMessageError(`requester ${request.requester} does not match the sender ${event.envelope.administration}`);
    }
    if (!arePartners(await ctx.manager.find(Arrangement), request.requester, this.config.ADMINISTRATION)) {
      throw new PermanentMessageError(`${request.requester} is not a party to any active MRA with ${this.config.ADMINISTRATION}`);
    }

    const records: Pick<OutboundRecord, 'sequence' | 'operatorId' | 'record' | 'signature' | 'keyId'>[] =
      request.kind === ExchangeRequestKind.REPLAY
        ? await ctx.manager
            .createQueryBuilder(OutboundRecord, 'r')
            .where('r.sequence >= :from', { from: request.fromSequence.toString() })
            .orderBy('r.sequence', 'ASC')
            .limit(REPLAY_LIMIT)
            .getMany()
        : await ctx.manager.query(
            `SELECT * FROM (SELECT DISTINCT ON (operator_id) sequence, operator_id AS "operatorId", record, signature,
               key_id AS "keyId" FROM outbound_record ORDER BY operator_id, sequence DESC) latest ORDER BY sequence`,
          );
    const now = this.clock.now();
    await this.outbox.appendMany(
      ctx.manager,
      Events.recognitionRecords,
      records.map((r) => ({
        aggregateId: r.operatorId,
        issuer: this.config.ADMINISTRATION,
        correlationId: event.envelope.correlationId,
        occurredAt: now,
        message: create(SignedRecognitionRecordSchema, { record: r.record, signature: r.signature, keyId: r.keyId }),
      })),
    );
    this.logger.info(
      { requester: request.requester, kind: ExchangeRequestKind[request.kind], records: records.length },
      'exchange request answered',
    );
  }
}
