import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, Events, RecognitionRecord, RecognitionRecordSchema, SignedRecognitionRecord } from '@aeo/contracts';
import { HasBytes, InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsNotEmpty, IsString } from 'class-validator';
import { Logger } from 'pino';
import { arePartners, recordInScope } from '../arrangements/arrangement-coverage';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeRequester } from '../exchange/exchange-requester';
import { verifyRecord } from '../signing/record-signature';
import { IssuerProgress } from './received.entities';

class SignedRecordMessage {
  @HasBytes(1, 64 * 1024, { message: 'record must be 1 byte to 64 KiB' })
  record: Uint8Array;

  @HasBytes(64, 64, { message: 'signature must be 64 bytes (ES256, r||s)' })
  signature: Uint8Array;

  @IsString()
  @IsNotEmpty()
  keyId: string;
}

/** How long to wait for a replay before asking again, when records keep arriving with a gap still open. */
const REPLAY_RETRY_MS = 30000;

const TYPE_CODE: Record<number, 'C' | 'S' | 'F'> = { [AeoType.C]: 'C', [AeoType.S]: 'S', [AeoType.F]: 'F' };
const STATUS_NAME: Record<number, string> = {
  [AeoStatus.VALID]: 'valid',
  [AeoStatus.SUSPENDED]: 'suspended',
  [AeoStatus.REVOKED]: 'revoked',
  [AeoStatus.WITHDRAWN]: 'withdrawn',
  [AeoStatus.EXPIRED]: 'expired',
};

/**
 * Records partners send: verified against the issuer's key in the MRA before anything is stored.
 * Forged, tampered, unknown-issuer and out-of-scope records go to the dead letter with the reason.
 */
@Controller()
export class PartnerRecordsHandler {
  constructor(
    private readonly clock: Clock,
    private readonly requester: ExchangeRequester,
    private readonly cache: ArrangementCache,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(...onEvent(Events.recognitionRecords, SignedRecordMessage))
  async onRecord(@Payload() event: InboundEvent<SignedRecognitionRecord>, @Ctx() ctx: InboxContext) {
    const signed = event.message;
    let record: RecognitionRecord;
    try {
      record = fromBinary(RecognitionRecordSchema, signed.record);
    } catch (e) {
      throw new PermanentMessageError(`undecodable recognition record: ${(e as Error).message}`);
    }
    const topicIssuer = event.topic.split('.').at(-2);
    if (record.issuer !== event.envelope.administration || record.issuer !== topicIssuer) {
      throw new PermanentMessageError(
        `record issuer ${record.issuer} does not match the sender ${event.envelope.administration} on topic ${event.topic}`,
      );
    }
    const aeoType = TYPE_CODE[record.aeoType];
    const status = STATUS_NAME[record.status];
    if (!aeoType || !status || !record.statusSince || !record.validTo || record.sequence < 1n || !record.operatorId) {
      throw new PermanentMessageError('record lacks type, status, status_since, valid_to, sequence or operator_id');
    }
    const statusSince = timestampDate(record.statusSince);

    const arrangements = await this.cache.arrangements(ctx.manager);
    if (!arePartners(arrangements, record.issuer, this.config.ADMINISTRATION)) {
      throw new PermanentMessageError(`unknown issuer ${record.issuer}: no active MRA with it`);
    }
    const key = await this.cache.key(ctx.manager, record.issuer, signed.keyId);
    if (!key) throw new PermanentMessageError(`unknown key ${signed.keyId} of issuer ${record.issuer}`);
    if (!verifyRecord(signed.record, signed.signature, key)) {
      throw new PermanentMessageError(`signature of ${record.issuer} record ${record.sequence} does not verify`);
    }
    if (!record.audience.includes(this.config.ADMINISTRATION)) {
      // Meant for other partners of the issuer: only its place in the sequence matters here.
      await this.trackSequence(ctx, record.issuer, record.sequence, event.envelope.correlationId);
      return;
    }
    if (!recordInScope(arrangements, record.issuer, this.config.ADMINISTRATION, aeoType, statusSince)) {
      throw new PermanentMessageError(
        `out of scope: no MRA with ${record.issuer} covers its AEO-${aeoType} on or after ${statusSince.toISOString().slice(0, 10)}`,
      );
    }

    const inserted: unknown[] = await ctx.manager.query(
      `INSERT INTO received_record (issuer, sequence, record_id, operator_id, operator_name, certificate_number, aeo_type,
         status, status_since, valid_to, shared_with_consent, received_at, record, signature, key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (issuer, sequence) DO NOTHING RETURNING sequence`,
      [
        record.issuer,
        record.sequence.toString(),
        record.recordId,
        record.operatorId,
        record.operatorName,
        record.certificateNumber,
        aeoType,
        status,
        statusSince,
        timestampDate(record.validTo),
        record.sharedWithConsent,
        this.clock.now(),
        Buffer.from(signed.record),
        Buffer.from(signed.signature),
        signed.keyId,
      ],
    );
    if (inserted.length === 0) return; // this sequence was received before

    if (record.identifiers.length > 0) {
      await ctx.manager.query(
        `INSERT INTO received_identifier (issuer, scheme, value, operator_id)
         SELECT $1, s, v, $4 FROM unnest($2::text[], $3::text[]) AS t(s, v)
         ON CONFLICT (issuer, scheme, value) DO UPDATE SET operator_id = EXCLUDED.operator_id`,
        [record.issuer, record.identifiers.map((i) => i.scheme), record.identifiers.map((i) => i.value), record.operatorId],
      );
    }
    await this.trackSequence(ctx, record.issuer, record.sequence, event.envelope.correlationId);
  }

  /** Notes gaps in an issuer's sequence and asks the issuer to replay from the first one missing. */
  private async trackSequence(ctx: InboxContext, issuer: string, sequence: bigint, correlationId: string): Promise<void> {
    // The common case in one statement: the next number, no gap open.
    const next: unknown[] = await ctx.manager.query(
      `UPDATE issuer_progress SET last_sequence = $2
       WHERE issuer = $1 AND last_sequence = $2 - 1 AND missing_sequences = '[]'::jsonb RETURNING issuer`,
      [issuer, sequence.toString()],
    );
    if (next.length === 1) return;
    const progress = await ctx.manager.findOne(IssuerProgress, { where: { issuer }, lock: { mode: 'pessimistic_write' } });
    const last = BigInt(progress?.lastSequence ?? 0);
    let missing = (progress?.missingSequences ?? []).filter((s) => s !== sequence.toString());
    if (sequence > last + 1n) {
      const gap: string[] = [];
      for (let s = last + 1n; s < sequence && gap.length < 10000; s++) gap.push(s.toString());
      missing = [...missing, ...gap];
      this.logger.warn({ issuer, from: (last + 1n).toString(), to: (sequence - 1n).toString() }, 'gap in issuer sequence');
    }
    const now = this.clock.now();
    let replayRequestedAt = progress?.replayRequestedAt ?? null;
    const lastAsked = replayRequestedAt?.getTime() ?? 0;
    if (missing.length > 0 && (sequence > last + 1n || now.getTime() - lastAsked > REPLAY_RETRY_MS)) {
      await this.requester.request(ctx.manager, issuer, 'replay', BigInt(missing[0]), correlationId);
      replayRequestedAt = now;
    }
    await ctx.manager.save(IssuerProgress, {
      issuer,
      lastSequence: (sequence > last ? sequence : last).toString(),
      missingSequences: missing,
      replayRequestedAt,
    });
  }
}
