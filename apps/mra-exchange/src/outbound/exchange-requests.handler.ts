import { fromBinary } from '@bufbuild/protobuf';
import {
  ChannelEntry,
  channelOf,
  Events,
  ExchangeRequest,
  ExchangeRequestKind,
  ExchangeRequestSchema,
  SignedCheckpoint,
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
/** Records read, and their chunks written to the outbox, at a time. */
const ANSWER_PAGE = 5 * CHUNK_ENTRIES;

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
   * log's checkpoint after its last: the requester checks a chunk against one signature. Read
   * and written a page at a time, up to the last record sent when the request came (a later one
   * goes out live on the channel): a snapshot holds one page in memory, a replay also the log's
   * frontier, rebuilt from the records before its start unless it starts where the log is kept.
   */
  private async answer(ctx: InboxContext, request: ExchangeRequest, correlationId: string): Promise<void> {
    const replay = request.kind === ExchangeRequestKind.REPLAY;
    const from = replay ? Number(request.fromSequence) : 1;
    const [{ last }]: { last: string | null }[] = await ctx.manager.query(`SELECT max(sequence) AS last FROM outbound_record`);
    const until = Math.min(Number(last ?? 0), replay ? from + REPLAY_LIMIT - 1 : Infinity);
    const aggregateId = `${this.config.ADMINISTRATION}:${request.requester}`;
    const now = this.clock.now();
    let log = await this.log.at(ctx.manager, from - 1);
    let entries: ChannelEntry[] = [];
    // The current chunk's leaves, appended to the log at its end.
    let leaves: Buffer[] = [];
    let bytes = 0;
    let sent = 0;
    const write = (chunks: { entries: ChannelEntry[]; checkpoint: SignedCheckpoint }[]) =>
      this.outbox.appendMany(
        ctx.manager,
        Events.recognitionRecords,
        chunks.map((c) => ({ aggregateId, recipient: request.requester, correlationId, occurredAt: now, message: channelRecord(c.entries, c.checkpoint) })),
      );
    for (let after = from - 1; after < until; ) {
      // Raw rows: entities cost more than the records' own work. A snapshot sends in full only
      // a record with no later one of the same AEO up to `until` (the rest need no decoding).
      const page: { sequence: string; record: Buffer; signature: Buffer; key_id: string; latest: boolean }[] = await ctx.manager.query(
        `SELECT o.sequence, o.record, o.signature, o.key_id,
           ${replay ? 'true' : 'NOT EXISTS (SELECT 1 FROM outbound_record n WHERE n.operator_id = o.operator_id AND n.sequence > o.sequence AND n.sequence <= $2)'} AS latest
         FROM outbound_record o WHERE o.sequence > $1 AND o.sequence <= $2 ORDER BY o.sequence LIMIT ${ANSWER_PAGE}`,
        [String(after), String(until)],
      );
      if (page.length === 0) break;
      const chunks: { entries: ChannelEntry[]; checkpoint: SignedCheckpoint }[] = [];
      for (const r of page) {
        const sequence = BigInt(r.sequence);
        const leaf = leafHash(r.record);
        leaves.push(leaf);
        const entry = r.latest
          ? entryFor(request.requester, { sequence, record: r.record, signature: r.signature, keyId: r.key_id, audience: audienceOf(r.record) }, leaf)
          : withheldEntry({ sequence, record: r.record }, leaf);
        entries.push(entry);
        bytes += entry.entry.case === 'record' ? r.record.length + 80 : 48;
        // A chunk ends at CHUNK_ENTRIES, at CHUNK_BYTES (a Kafka message stays well under 1 MiB), or with the records.
        if (entries.length === CHUNK_ENTRIES || bytes >= CHUNK_BYTES || log.size + leaves.length === until) {
          log = log.extend(leaves);
          chunks.push({ entries, checkpoint: this.log.sign(log) });
          entries = [];
          leaves = [];
          bytes = 0;
        }
      }
      after = Number(page.at(-1)!.sequence);
      sent += page.length;
      await write(chunks);
    }
    // A safeguard: the last chunk ends at `until`; were numbers missing below it, what is left goes as the last.
    if (entries.length > 0) {
      log = log.extend(leaves);
      await write([{ entries, checkpoint: this.log.sign(log) }]);
    }
    this.logger.info({ requester: request.requester, kind: ExchangeRequestKind[request.kind], records: sent }, 'exchange request answered');
  }
}
