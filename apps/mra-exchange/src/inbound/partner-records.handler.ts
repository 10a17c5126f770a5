import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, Events, RecognitionRecord, RecognitionRecordSchema, SignedRecognitionRecord } from '@aeo/contracts';
import { HasBytes, InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsNotEmpty, IsString } from 'class-validator';
import { Logger } from 'pino';
import { recordInScope } from '../arrangements/arrangement-coverage';
import { Arrangement } from '../arrangements/arrangement.entity';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeRequester } from '../exchange/exchange-requester';
import { parsePublicKey, verifyRecord } from '../signing/record-signature';
import { IssuerProgress, ReceivedRecord } from './received.entities';

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

    const arrangements = await ctx.manager.find(Arrangement);
    if (!arrangements.some((a) => a.parties.some((p) => p.administration === record.issuer))) {
      throw new PermanentMessageError(`unknown issuer ${record.issuer}: no MRA with it`);
    }
    const party = arrangements
      .flatMap((a) => a.parties)
      .find((p) => p.administration === record.issuer && p.keyId === signed.keyId);
    if (!party) throw new PermanentMessageError(`unknown key ${signed.keyId} of issuer ${record.issuer}`);
    if (!verifyRecord(signed.record, signed.signature, parsePublicKey(party.publicKeyPem))) {
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

    const inserted: unknown[] = await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ReceivedRecord)
      .values({
        issuer: record.issuer,
        sequence: record.sequence.toString(),
        recordId: record.recordId,
        operatorId: record.operatorId,
        operatorName: record.operatorName,
        certificateNumber: record.certificateNumber,
        aeoType,
        status,
        statusSince,
        validTo: timestampDate(record.validTo),
        sharedWithConsent: record.sharedWithConsent,
        receivedAt: this.clock.now(),
        record: Buffer.from(signed.record),
        signature: Buffer.from(signed.signature),
        keyId: signed.keyId,
      })
      .orIgnore()
      .returning(['sequence'])
      .execute()
      .then((r) => r.raw);
    if (inserted.length === 0) return; // this sequence was received before

    for (const identifier of record.identifiers) {
      await ctx.manager.query(
        `INSERT INTO received_identifier (issuer, scheme, value, operator_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issuer, scheme, value) DO UPDATE SET operator_id = EXCLUDED.operator_id`,
        [record.issuer, identifier.scheme, identifier.value, record.operatorId],
      );
    }
    await this.trackSequence(ctx, record.issuer, record.sequence, event.envelope.correlationId);
  }

  /** Notes gaps in an issuer's sequence and asks the issuer to replay from the first one missing. */
  private async trackSequence(ctx: InboxContext, issuer: string, sequence: bigint, correlationId: string): Promise<void> {
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
