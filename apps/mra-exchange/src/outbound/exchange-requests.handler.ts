import { fromBinary } from '@bufbuild/protobuf';
import {
  ChannelEntry,
  channelOf,
  Events,
  ExchangeRequest,
  ExchangeRequestKind,
  ExchangeRequestSchema,
  SignedExchangeRequest,
} from '@aeo/contracts';
import { assertContractRules, InboundEvent, InboxContext, onEvent, OutboxWriter, PermanentMessageError } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER, updateReturning } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { PartnerMessages } from '../arrangements/partner-messages';
import { lockCoverageShared } from '../arrangements/coverage-lock';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { audienceOf, channelRecord, CHUNK_BYTES, CHUNK_ENTRIES, entryFor, withheldEntry } from '../exchange/channel-records';
import { IssuerLogWriter } from '../log/issuer-log';
import { leafHash } from '../log/merkle';
import { verifyBytes } from '../signing/record-signature';

/** Most records one replay sends; a receiver still missing some asks again from there. */
const REPLAY_LIMIT = 20000;

/**
 * Partners' requests to this issuer: send again, exactly as first signed, the records from a
 * sequence number on (replay), or the latest record of every AEO shared (snapshot). A request
 * must be signed by the requester's key from an active MRA; one from a party whose arrangement
 * is not active here yet is held and answered when it is.
 */
@Controller()
export class ExchangeRequestsHandler {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly partners: PartnerMessages,
    private readonly log: IssuerLogWriter,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(...onEvent(Events.exchangeRequests))
  async onRequest(@Payload() event: InboundEvent<SignedExchangeRequest>, @Ctx() ctx: InboxContext) {
    const request = await this.open(event);
    const self = this.config.ADMINISTRATION;
    // First, before any write of this transaction (a batch answers several requests): an opening
    // that holds the lock exclusively may wait on rows an answer writes (coverage-lock.ts).
    await lockCoverageShared(ctx.manager);
    if (!(await this.partners.partnerOrHeld(ctx, event, request.requester, self))) {
      this.logger.info({ requester: request.requester }, 'exchange request held until an MRA with the requester is active');
      return;
    }
    const key = await this.partners.key(ctx.manager, request.requester, event.message.keyId);
    if (!key) throw new PermanentMessageError(`unknown key ${event.message.keyId} of requester ${request.requester}`);
    if (!verifyBytes(event.message.request, event.message.signature, key)) {
      throw new PermanentMessageError(`signature of ${request.requester}'s request ${request.requestId} does not verify`);
    }
    // Each request is answered once: a signed request copied and posted again in a new envelope is not.
    const first = await updateReturning(
      ctx.manager,
      `INSERT INTO answered_request (requester, request_id, kind, answered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING request_id`,
      [request.requester, request.requestId, ExchangeRequestKind[request.kind].toLowerCase(), this.clock.now()],
    );
    if (first.length === 0) {
      this.logger.warn({ requester: request.requester, requestId: request.requestId }, 'exchange request already answered; not answered again');
      return;
    }
    await this.answer(ctx, request, event.envelope.correlationId);
  }

  /** The signed request, decoded and checked against the envelope and this registry. */
  private async open(event: InboundEvent<SignedExchangeRequest>): Promise<ExchangeRequest> {
    let request: ExchangeRequest;
    try {
      request = fromBinary(ExchangeRequestSchema, event.message.request);
    } catch (e) {
      throw new PermanentMessageError(`undecodable exchange request: ${(e as Error).message}`);
    }
    assertContractRules(ExchangeRequestSchema, request);
    if (request.issuer !== this.config.ADMINISTRATION) {
      throw new PermanentMessageError(`request addressed to ${request.issuer}, not to ${this.config.ADMINISTRATION}`);
    }
    const channel = channelOf(event.topic);
    if (request.requester !== event.envelope.administration || request.requester !== channel?.from) {
      throw new PermanentMessageError(
        `requester ${request.requester} does not match the sender ${event.envelope.administration} on channel ${event.topic}`,
      );
    }
    return request;
  }

  /**
   * A replay sends the records from a number on, as first signed; a snapshot sends every number
   * from 1, in full only the latest record of each AEO addressed to the requester. Either way on
   * the requester's channel, the rest withheld, in chunks of consecutive entries each with the
   * log's checkpoint after its last: the requester checks a chunk against one signature.
   */
  private async answer(ctx: InboxContext, request: ExchangeRequest, correlationId: string): Promise<void> {
    const replay = request.kind === ExchangeRequestKind.REPLAY;
    const from = replay ? Number(request.fromSequence) : 1;
    // Raw rows: a snapshot reads every record sent, and entities cost more than the records' own work.
    const records: { sequence: string; record: Buffer; signature: Buffer; key_id: string }[] = await ctx.manager.query(
      `SELECT sequence, record, signature, key_id FROM outbound_record WHERE sequence >= $1 ORDER BY sequence ${replay ? `LIMIT ${REPLAY_LIMIT}` : ''}`,
      [String(from)],
    );
    const latest = replay
      ? undefined
      : new Set<string>(
          (await ctx.manager.query(`SELECT DISTINCT ON (operator_id) sequence FROM outbound_record ORDER BY operator_id, sequence DESC`)).map(
            (r: { sequence: string }) => String(r.sequence),
          ),
        );
    const chunks = [];
    let log = await this.log.at(ctx.manager, from - 1);
    let entries: ChannelEntry[] = [];
    let bytes = 0;
    for (const [i, r] of records.entries()) {
      const sequence = BigInt(r.sequence);
      const leaf = leafHash(r.record);
      log = log.append(leaf);
      // A record a snapshot does not send in full (a later one of the same AEO is sent) needs no decoding.
      const entry =
        !latest || latest.has(r.sequence)
          ? entryFor(request.requester, { sequence, record: r.record, signature: r.signature, keyId: r.key_id, audience: audienceOf(r.record) }, leaf)
          : withheldEntry({ sequence, record: r.record }, leaf);
      entries.push(entry);
      bytes += entry.entry.case === 'record' ? r.record.length + 80 : 48;
      // A chunk ends at CHUNK_ENTRIES, at CHUNK_BYTES (a Kafka message stays well under 1 MiB), or with the records.
      if (entries.length === CHUNK_ENTRIES || bytes >= CHUNK_BYTES || i === records.length - 1) {
        chunks.push({ aggregateId: `${this.config.ADMINISTRATION}:${request.requester}`, entries, checkpoint: this.log.sign(log) });
        entries = [];
        bytes = 0;
      }
    }
    const now = this.clock.now();
    await this.outbox.appendMany(
      ctx.manager,
      Events.recognitionRecords,
      chunks.map((c) => ({ aggregateId: c.aggregateId, recipient: request.requester, correlationId, occurredAt: now, message: channelRecord(c.entries, c.checkpoint) })),
    );
    this.logger.info(
      { requester: request.requester, kind: ExchangeRequestKind[request.kind], records: records.length },
      'exchange request answered',
    );
  }
}
