import { Principal, SERVICE_CONFIG } from '@aeo/platform';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeRequester } from '../exchange/exchange-requester';
import { RecordPublisher } from '../outbound/record-publisher';
import { parsePublicKey } from '../signing/record-signature';
import { ArrangementCache } from './arrangement-cache';
import { Arrangement } from './arrangement.entity';
import { CreateArrangementDto } from './dto/create-arrangement.dto';

@Injectable()
export class ArrangementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly requester: ExchangeRequester,
    private readonly cache: ArrangementCache,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async create(dto: CreateArrangementDto, by: Principal): Promise<Arrangement> {
    const problems: string[] = [];
    const administrations = dto.parties.map((p) => p.administration);
    if (new Set(administrations).size !== administrations.length) problems.push('parties must not repeat an administration');
    if (!administrations.includes(this.config.ADMINISTRATION)) {
      problems.push(`this registry's administration ${this.config.ADMINISTRATION} must be a party`);
    }
    if (dto.effectiveTo && dto.effectiveTo < dto.effectiveFrom) problems.push('effectiveTo must not be before effectiveFrom');
    dto.parties.forEach((p, i) => {
      try {
        parsePublicKey(p.publicKey);
      } catch (e) {
        problems.push(`parties.${i}.publicKey: ${(e as Error).message}`);
      }
    });
    if (problems.length) throw new BadRequestException(problems);
    const arrangement: Arrangement = {
      id: randomUUID(),
      name: dto.name,
      parties: dto.parties.map((p) => ({
        administration: p.administration,
        recognisedAeoTypes: p.recognisedAeoTypes,
        publicKeyPem: p.publicKey,
        keyId: p.keyId,
      })),
      benefits: dto.benefits,
      effectiveFrom: dto.effectiveFrom,
      effectiveTo: dto.effectiveTo ?? null,
      createdBy: by.subject,
      createdAt: new Date(),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Arrangement, arrangement);
      this.cache.clear();
      // The MRA's opening exchange: our AEOs to the partners, and theirs asked for.
      await this.publisher.publishAll(manager);
      for (const party of arrangement.parties) {
        if (party.administration !== this.config.ADMINISTRATION) {
          await this.requester.request(manager, party.administration, 'snapshot');
        }
      }
    });
    this.cache.clear();
    return arrangement;
  }

  /** A supervisor asks a partner for a full snapshot, to reconcile from. */
  async requestSnapshot(issuer: string): Promise<{ requestId: string; issuer: string }> {
    const arrangements = await this.list();
    if (!arrangements.some((a) => a.parties.some((p) => p.administration === issuer)) || issuer === this.config.ADMINISTRATION) {
      throw new BadRequestException(`${issuer} is not a partner in any arrangement of ${this.config.ADMINISTRATION}`);
    }
    const requestId = await this.dataSource.transaction((manager) => this.requester.request(manager, issuer, 'snapshot'));
    return { requestId, issuer };
  }

  list(manager: EntityManager = this.dataSource.manager): Promise<Arrangement[]> {
    return manager.find(Arrangement, { order: { effectiveFrom: 'ASC' } });
  }
}
