import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ConsentChangedSchema,
  Events,
  OperatorIdentifierSchema,
  OperatorRegisteredSchema,
  PostalAddressSchema,
} from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, Principal } from '@aeo/platform';
import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentRecord } from '../consents/consent-record.entity';
import { identifierProblem } from '../identifiers/identifier-schemes';
import { OperatorIdentifier } from '../identifiers/operator-identifier.entity';
import { ConsentDto, RegisterOperatorDto } from './dto/register-operator.dto';
import { Operator } from './operator.entity';

export interface OperatorView {
  id: string;
  legalName: string;
  address: Operator['address'];
  identifiers: { scheme: string; value: string; issuer: string; validFrom: string; validTo: string | null }[];
  consent: { shareWithPartners: boolean; publishInDirectory: boolean; recordedAt: string } | null;
  registeredAt: string;
}

@Injectable()
export class OperatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async register(dto: RegisterOperatorDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    const problems = dto.identifiers
      .map((i) => identifierProblem(i.scheme, i.value, i.issuer))
      .filter((p): p is string => !!p);
    const keys = dto.identifiers.map((i) => `${i.scheme}/${i.issuer}/${i.value}`);
    if (new Set(keys).size !== keys.length) problems.push('identifiers must not repeat');
    if (problems.length) throw new BadRequestException(problems);

    const now = this.clock.now();
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .createQueryBuilder(OperatorIdentifier, 'i')
        .where('(i.scheme, i.issuer, i.value) IN (' + dto.identifiers.map((_, n) => `(:s${n}, :i${n}, :v${n})`).join(', ') + ')')
        .setParameters(
          Object.fromEntries(dto.identifiers.flatMap((i, n) => [[`s${n}`, i.scheme], [`i${n}`, i.issuer], [`v${n}`, i.value]])),
        )
        .getMany();
      if (taken.length) {
        throw new ConflictException(
          taken.map((t) => `identifier ${t.scheme} ${t.value} (issuer ${t.issuer}) is in use by another operator`),
        );
      }
      await manager.insert(Operator, {
        id,
        legalName: dto.legalName,
        address: { ...dto.address },
        registeredBy: by.subject,
        registeredAt: now,
      });
      await manager.insert(
        OperatorIdentifier,
        dto.identifiers.map((i) => ({
          id: randomUUID(),
          operatorId: id,
          scheme: i.scheme,
          value: i.value,
          issuer: i.issuer,
          validFrom: i.validFrom ?? now.toISOString().slice(0, 10),
          validTo: i.validTo ?? null,
        })),
      );
      await this.outbox.append(manager, Events.operatorRegistered, {
        aggregateId: id,
        correlationId,
        occurredAt: now,
        message: create(OperatorRegisteredSchema, {
          operatorId: id,
          legalName: dto.legalName,
          address: create(PostalAddressSchema, dto.address),
          identifiers: dto.identifiers.map((i) =>
            create(OperatorIdentifierSchema, { scheme: i.scheme, value: i.value, issuer: i.issuer }),
          ),
          registeredAt: timestampFromDate(now),
          registeredBy: by.subject,
        }),
      });
      await this.recordConsent(manager, id, dto.consent ?? { shareWithPartners: false, publishInDirectory: false }, by, now, correlationId);
    });
    return this.get(id, by);
  }

  async changeConsent(id: string, dto: ConsentDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    await this.dataSource.transaction(async (manager) => {
      const operator = await manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      this.assertVisible(operator, by);
      await this.recordConsent(manager, id, dto, by, this.clock.now(), correlationId);
    });
    return this.get(id, by);
  }

  async get(id: string, by: Principal): Promise<OperatorView> {
    const operator = await this.dataSource.getRepository(Operator).findOne({
      where: { id },
      relations: { identifiers: true, consents: true },
    });
    this.assertVisible(operator, by);
    const consent = [...operator!.consents].sort((a, b) => Number(BigInt(b.position) - BigInt(a.position)))[0];
    return {
      id: operator!.id,
      legalName: operator!.legalName,
      address: operator!.address,
      identifiers: operator!.identifiers.map((i) => ({
        scheme: i.scheme,
        value: i.value,
        issuer: i.issuer,
        validFrom: i.validFrom,
        validTo: i.validTo,
      })),
      consent: consent
        ? {
            shareWithPartners: consent.shareWithPartners,
            publishInDirectory: consent.publishInDirectory,
            recordedAt: consent.recordedAt.toISOString(),
          }
        : null,
      registeredAt: operator!.registeredAt.toISOString(),
    };
  }

  /** A trader sees only the operators it registered; officers, supervisors and auditors all of this administration's. */
  private assertVisible(operator: Operator | null, by: Principal): asserts operator is Operator {
    if (!operator) throw new NotFoundException('no such operator');
    const staff = by.roles.some((r) => r === 'officer' || r === 'supervisor' || r === 'auditor');
    if (!staff && operator.registeredBy !== by.subject) throw new ForbiddenException('this operator is not yours');
  }

  private async recordConsent(
    manager: EntityManager,
    operatorId: string,
    consent: ConsentDto,
    by: Principal,
    at: Date,
    correlationId?: string,
  ): Promise<void> {
    await manager.insert(ConsentRecord, {
      id: randomUUID(),
      operatorId,
      shareWithPartners: consent.shareWithPartners,
      publishInDirectory: consent.publishInDirectory,
      recordedAt: at,
      recordedBy: by.subject,
    });
    await this.outbox.append(manager, Events.consentChanged, {
      aggregateId: operatorId,
      correlationId,
      occurredAt: at,
      message: create(ConsentChangedSchema, {
        operatorId,
        shareWithPartners: consent.shareWithPartners,
        publishInDirectory: consent.publishInDirectory,
        changedAt: timestampFromDate(at),
      }),
    });
  }
}
