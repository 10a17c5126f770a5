import { Events, isMsme, SizeClassName } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, isStaff, Principal, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOptionsWhere, ILike, In } from 'typeorm';
import { RepresentativesService } from '../representatives/representatives.service';
import { ConsentRecord } from '../consents/consent-record.entity';
import { identifierProblem } from '../identifiers/identifier-schemes';
import { OperatorIdentifier } from '../identifiers/operator-identifier.entity';
import { OperatorRegistryConfig } from '../config/operator-registry.config';
import { OperatorErrors } from '../operator-registry.errors';
import { ConsentDto, HandOverDto, ListOperatorsQuery, NotifyChangesDto, RegisterOperatorDto } from './dto/register-operator.dto';
import { changedFields } from './notified-changes';
import { OperatorChangeView, OperatorPageView, OperatorView } from './dto/operator.view';
import { OperatorChange } from './operator-change.entity';
import { consentChanged, NO_CONSENT, operatorChanged, operatorRegistered } from './operator-messages';
import { sizeClassOf } from './size-class';

import { Operator } from './operator.entity';

/** Changes that touch what an authorisation rests on: they flag it for reassessment. */
export const SIGNIFICANT_CHANGES = ['legalName', 'address', 'ownership', 'sites', 'management'];


@Injectable()
export class OperatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly representatives: RepresentativesService,
    @Inject(SERVICE_CONFIG) private readonly config: OperatorRegistryConfig,
  ) {}

  sizeClass(employees?: number | null, turnover?: number | null): SizeClassName | null {
    if (employees === undefined || employees === null || turnover === undefined || turnover === null) return null;
    return sizeClassOf(employees, turnover, this.config.sizeLimits);
  }

  async register(dto: RegisterOperatorDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    const problems = dto.identifiers
      .map((i) => identifierProblem(i.scheme, i.value, i.issuer))
      .filter((p): p is string => !!p);
    const keys = dto.identifiers.map((i) => `${i.scheme}/${i.issuer}/${i.value}`);
    if (new Set(keys).size !== keys.length) problems.push('identifiers must not repeat');
    if (problems.length) throw OperatorErrors.invalidIdentifiers('the identifiers are invalid', problems);

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
        throw OperatorErrors.identifierInUse(
          'an identifier is in use by another operator',
          taken.map((t) => `identifier ${t.scheme} ${t.value} (issuer ${t.issuer}) is in use by another operator`),
        );
      }
      await manager.insert(Operator, {
        id,
        legalName: dto.legalName,
        tradingNames: dto.tradingNames ?? [],
        address: { ...dto.address },
        roles: dto.roles ?? [],
        sites: (dto.sites ?? []).map((site) => ({ ...site, address: { ...site.address } })),
        contacts: (dto.contacts ?? []).map((c) => ({ ...c })),
        employees: dto.employees ?? null,
        annualTurnover: dto.annualTurnover === undefined ? null : String(dto.annualTurnover),
        sizeClass: this.sizeClass(dto.employees, dto.annualTurnover),
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
        message: operatorRegistered(id, dto, this.sizeClass(dto.employees, dto.annualTurnover), by.subject, now),
      });
      await this.recordConsent(manager, id, dto.consent ?? NO_CONSENT, by, now, correlationId);
    });
    return this.get(id, by);
  }

  async changeConsent(id: string, dto: ConsentDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    await this.dataSource.transaction(async (manager) => {
      const operator = await manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      this.assertHolder(operator, by, 'consents are given by the holder itself');
      await this.recordConsent(manager, id, dto, by, this.clock.now(), correlationId);
    });
    return this.get(id, by);
  }

  /**
   * The holder notifies a change. The operator shows the new state; the change itself is kept
   * (before and after) and told to the other services, marked significant when it touches what
   * an authorisation rests on: legal name, address, ownership, sites, management.
   */
  async notifyChanges(id: string, dto: NotifyChangesDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    await this.dataSource.transaction(async (manager) => {
      const operator = await manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      this.assertHolder(operator, by, 'changes are notified by the holder itself');
      const { note, ...proposed } = dto;
      const current: Record<string, unknown> = {
        legalName: operator.legalName,
        tradingNames: operator.tradingNames,
        address: operator.address,
        roles: operator.roles,
        sites: operator.sites,
        contacts: operator.contacts,
        employees: operator.employees,
        annualTurnover: operator.annualTurnover === null ? null : Number(operator.annualTurnover),
      };
      const changes = changedFields(current, proposed);
      if (Object.keys(changes).length === 0) throw OperatorErrors.nothingChanged('nothing changed: every field given is as registered');
      const significant = Object.keys(changes).some((f) => SIGNIFICANT_CHANGES.includes(f));
      const now = this.clock.now();
      const employees = 'employees' in changes ? (changes.employees.after as number) : operator.employees;
      const turnover =
        'annualTurnover' in changes ? (changes.annualTurnover.after as number) : operator.annualTurnover === null ? null : Number(operator.annualTurnover);
      const next = {
        legalName: (changes.legalName?.after as string) ?? operator.legalName,
        tradingNames: (changes.tradingNames?.after as string[]) ?? operator.tradingNames,
        address: (changes.address?.after as Operator['address']) ?? operator.address,
        roles: (changes.roles?.after as string[]) ?? operator.roles,
        sites: (changes.sites?.after as Operator['sites']) ?? operator.sites,
        contacts: (changes.contacts?.after as Operator['contacts']) ?? operator.contacts,
        employees,
        annualTurnover: turnover === null ? null : String(turnover),
        sizeClass: this.sizeClass(employees, turnover),
      };
      await manager.update(Operator, { id }, next);
      await manager.insert(OperatorChange, {
        id: randomUUID(),
        operatorId: id,
        changes: changes as object,
        significant,
        note: note ?? null,
        notifiedBy: by.subject,
        notifiedAt: now,
      });
      await this.outbox.append(manager, Events.operatorChanged, {
        aggregateId: id,
        correlationId,
        occurredAt: now,
        message: operatorChanged(id, next, Object.keys(changes).sort(), significant, now),
      });
    });
    return this.get(id, by);
  }

  /**
   * A supervisor hands the operator to the trader who will act for it from now on (its holder):
   * kept as a change (before, after, why) and told to the other services (OperatorChanged naming
   * "holder"). Mandates the previous holder gave stay until revoked.
   */
  async handOver(id: string, dto: HandOverDto, by: Principal, correlationId?: string): Promise<OperatorView> {
    await this.dataSource.transaction(async (manager) => {
      const operator = await manager.findOne(Operator, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!operator) throw OperatorErrors.notFound('no such operator');
      if (operator.registeredBy === dto.trader) throw OperatorErrors.nothingChanged(`${dto.trader} already acts for this operator`);
      const now = this.clock.now();
      await manager.update(Operator, { id }, { registeredBy: dto.trader });
      await manager.insert(OperatorChange, {
        id: randomUUID(),
        operatorId: id,
        changes: { holder: { before: operator.registeredBy, after: dto.trader } },
        significant: false,
        note: dto.note,
        notifiedBy: by.subject,
        notifiedAt: now,
      });
      await this.outbox.append(manager, Events.operatorChanged, {
        aggregateId: id,
        correlationId,
        occurredAt: now,
        message: operatorChanged(id, { ...operator, holder: dto.trader }, ['holder'], false, now),
      });
    });
    return this.get(id, by);
  }

  async changes(id: string, by: Principal): Promise<OperatorChangeView[]> {
    const operator = await this.dataSource.getRepository(Operator).findOneBy({ id });
    await this.assertVisible(operator, by);
    const rows = await this.dataSource.getRepository(OperatorChange).find({ where: { operatorId: id }, order: { notifiedAt: 'ASC' } });
    return rows.map((r) => ({
      changes: r.changes,
      significant: r.significant,
      note: r.note,
      notifiedBy: r.notifiedBy,
      notifiedAt: r.notifiedAt.toISOString(),
    }));
  }

  async get(id: string, by: Principal): Promise<OperatorView> {
    const operator = await this.dataSource.getRepository(Operator).findOne({
      where: { id },
      relations: { identifiers: true, consents: true },
    });
    const acts = await this.assertVisible(operator, by);
    return toView(operator!, acts);
  }

  /** A trader's own operators and those it represents; for staff, this administration's, by part of the name. Sorted by name. */
  async list(q: ListOperatorsQuery, by: Principal): Promise<OperatorPageView> {
    const limit = q.limit ?? 25;
    const offset = q.offset ?? 0;
    const name: FindOptionsWhere<Operator> = q.name ? { legalName: ILike(`%${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) } : {};
    const represented = isStaff(by) ? new Map<string, string[]>() : await this.represented(by.subject);
    const where: FindOptionsWhere<Operator>[] = isStaff(by)
      ? [name]
      : [{ ...name, registeredBy: by.subject }, ...(represented.size ? [{ ...name, id: In([...represented.keys()]) }] : [])];
    const [rows, total] = await this.dataSource.getRepository(Operator).findAndCount({
      where,
      relations: { identifiers: true, consents: true },
      order: { legalName: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map((o) => toView(o, o.registeredBy === by.subject ? null : (represented.get(o.id) ?? null))), total, limit, offset };
  }

  /** The operators a trader represents now, with the acts of each. */
  private represented(subject: string): Promise<Map<string, string[]>> {
    return this.representatives.represented(this.dataSource.manager, subject);
  }

  /**
   * Staff see every operator of the administration; a trader the operators it registered, and
   * those it represents (the acts of its mandates, returned; null for the holder and staff).
   */
  private async assertVisible(operator: Operator | null, by: Principal): Promise<string[] | null> {
    if (!operator) throw OperatorErrors.notFound('no such operator');
    if (isStaff(by) || operator.registeredBy === by.subject) return null;
    const acts = by.roles.includes('trader') ? await this.representatives.actsOf(this.dataSource.manager, operator.id, by.subject) : [];
    if (acts.length === 0) throw OperatorErrors.notYours('this operator is not yours');
    return acts;
  }

  /** What only the holder does: notify changes, give consents (a representative may not). */
  private assertHolder(operator: Operator | null, by: Principal, why: string): asserts operator is Operator {
    if (!operator) throw OperatorErrors.notFound('no such operator');
    if (operator.registeredBy !== by.subject) throw OperatorErrors.notYours(`this operator is not yours: ${why}`);
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
      message: consentChanged(operatorId, consent, at),
    });
  }
}

/** An operator as the API shows it: details, size class, identifiers and the consent in force. */
function toView(operator: Operator, representing: string[] | null = null): OperatorView {
  const consent = [...operator.consents].sort((a, b) => Number(BigInt(b.position) - BigInt(a.position)))[0];
  return {
    id: operator.id,
    legalName: operator.legalName,
    tradingNames: operator.tradingNames,
    address: operator.address,
    roles: operator.roles,
    sites: operator.sites,
    contacts: operator.contacts,
    employees: operator.employees,
    annualTurnover: operator.annualTurnover === null ? null : Number(operator.annualTurnover),
    sizeClass: operator.sizeClass as SizeClassName | null,
    msme: operator.sizeClass ? isMsme(operator.sizeClass as SizeClassName) : null,
    identifiers: operator.identifiers.map((i) => ({
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
    registeredAt: operator.registeredAt.toISOString(),
    importedFrom: operator.importedFrom,
    representing,
  };
}
