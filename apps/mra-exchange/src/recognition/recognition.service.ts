import { Clock, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coveringArrangement } from '../arrangements/arrangement-coverage';
import { Arrangement } from '../arrangements/arrangement.entity';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ReceivedIdentifier, ReceivedRecord } from '../inbound/received.entities';
import { RECORD_SIGNATURE_ALGORITHM } from '../signing/record-signature';
import { RecognitionQueryDto } from './dto/recognition-query.dto';

export interface RecognitionAnswer {
  recognised: boolean;
  /** Why not, when not recognised. */
  reason?: string;
  asOf: string;
  issuer: string;
  operatorName?: string;
  certificateNumber?: string;
  aeoType?: string;
  status?: string;
  since?: string;
  validTo?: string;
  arrangement?: string;
  benefits: string[];
  /** The signed record the answer rests on, to verify offline with the issuer's key. */
  evidence?: { sequence: string; record: string; signature: string; keyId: string; algorithm: string; receivedAt: string };
}

/** "Is operator X, as my declaration names it, a recognised AEO on day D, and with which benefits?" */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async ask(query: RecognitionQueryDto): Promise<RecognitionAnswer> {
    const asOf = query.asOf ? new Date(query.asOf) : this.clock.now();
    const base = { recognised: false, asOf: asOf.toISOString(), issuer: query.issuer, benefits: [] as string[] };
    const manager = this.dataSource.manager;
    const identifier = await manager.findOneBy(ReceivedIdentifier, {
      issuer: query.issuer,
      scheme: query.scheme,
      value: query.identifier,
    });
    if (!identifier) return { ...base, reason: `no AEO of ${query.issuer} is known by ${query.scheme} ${query.identifier}` };
    const record = await manager
      .createQueryBuilder(ReceivedRecord, 'r')
      .where('r.issuer = :issuer AND r.operatorId = :operatorId AND r.statusSince <= :asOf', {
        issuer: query.issuer,
        operatorId: identifier.operatorId,
        asOf,
      })
      .orderBy('r.statusSince', 'DESC')
      .addOrderBy('r.sequence', 'DESC')
      .getOne();
    if (!record) return { ...base, reason: `no status of this operator was in force on ${asOf.toISOString()}` };

    const answer: RecognitionAnswer = {
      ...base,
      operatorName: record.operatorName,
      certificateNumber: record.certificateNumber,
      aeoType: `AEO-${record.aeoType}`,
      status: record.status,
      since: record.statusSince.toISOString(),
      validTo: record.validTo.toISOString(),
      evidence: {
        sequence: record.sequence,
        record: record.record.toString('base64'),
        signature: record.signature.toString('base64'),
        keyId: record.keyId,
        algorithm: RECORD_SIGNATURE_ALGORITHM,
        receivedAt: record.receivedAt.toISOString(),
      },
    };
    const cover = coveringArrangement(await manager.find(Arrangement), query.issuer, this.config.ADMINISTRATION, record.aeoType, asOf);
    if (!record.sharedWithConsent) return { ...answer, reason: 'the holder withdrew its consent to share with partners' };
    if (record.status !== 'valid') return { ...answer, reason: `the AEO status is ${record.status}` };
    if (record.validTo <= asOf) return { ...answer, reason: 'the authorisation had lapsed' };
    if (!cover) return { ...answer, reason: 'no MRA in effect on that day covers this AEO type' };
    return { ...answer, recognised: true, arrangement: cover.arrangement.name, benefits: cover.arrangement.benefits };
  }
}
