import { EventConsumerServer } from '@aeo/messaging';
import { Clock, PeriodicTask, Principal, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { Logger } from 'pino';
import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ArrangementErrors } from '../mra-exchange.errors';
import { partnerHoldKey } from '../exchange/early-messages';
import { ExchangeRequester } from '../exchange/exchange-requester';
import { RecordPublisher } from '../outbound/record-publisher';
import { parsePublicKey } from '../signing/record-signature';
import { ArrangementCache } from './arrangement-cache';
import { arePartners, arrangementOn } from './arrangement-coverage';
import { Arrangement, ArrangementAmendment } from './arrangement.entity';
import { lockCoverageExclusive } from './coverage-lock';
import { ArrangementView, SnapshotRequestView } from './dto/arrangement.view';
import { AmendArrangementDto, ArrangementAmendmentDto, ConfirmationDto, CreateArrangementDto, KeyRotationDto } from './dto/create-arrangement.dto';


/** How often to look for arrangements whose effective date has come, and for held messages to release. */
const OPENING_CHECK_MS = 60_000;

/**
 * MRA records: created and amended by a supervisor; active once every party's confirmation is
 * recorded. Activation opens the exchange: our AEOs go to the partners, theirs are asked for,
 * and what partners sent before it (held as early) is handled.
 */
@Injectable()
export class ArrangementsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly opening: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly requester: ExchangeRequester,
    private readonly cache: ArrangementCache,
    private readonly clock: Clock,
    private readonly consumer: EventConsumerServer,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.opening = new PeriodicTask('MRA opening check', OPENING_CHECK_MS, () => this.openDueAndRelease(), logger, metrics);
  }

  onApplicationBootstrap(): void {
    this.opening.start(true);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.opening.stop();
  }

  /**
   * The periodic pass: opens what is due, hands partners' held messages to the handlers once an
   * MRA with the partner is active, and sends to the dead letter those held too long.
   */
  async openDueAndRelease(): Promise<void> {
    await this.openDue();
    await this.releaseHeld();
    const days = this.config.HELD_MESSAGE_DAYS;
    const expired = await this.consumer.expireHeld(new Date(this.clock.now().getTime() - days * 86_400_000));
    if (expired) this.logger.warn({ expired, days }, 'held partner messages expired to the dead letter');
  }

  /** Releases the messages held from every party that is now a partner in an active MRA. */
  async releaseHeld(): Promise<number> {
    const keys = await this.consumer.heldKeys();
    if (keys.length === 0) return 0;
    const arrangements = await this.dataSource.manager.find(Arrangement);
    const self = this.config.ADMINISTRATION;
    const due = keys.filter((key) =>
      arrangements.some((a) => a.parties.some((p) => partnerHoldKey(p.administration) === key && arePartners([a], p.administration, self))),
    );
    return this.consumer.releaseHeld(due);
  }

  /** Opens the exchange under every active arrangement whose effective date has come. */
  async openDue(): Promise<number> {
    const due = await this.dataSource.manager.find(Arrangement, { where: { activatedAt: Not(IsNull()), openedAt: IsNull() } });
    let opened = 0;
    for (const candidate of due) {
      await this.dataSource.transaction(async (manager) => {
        await lockCoverageExclusive(manager);
        const a = await manager.findOne(Arrangement, { where: { id: candidate.id }, lock: { mode: 'pessimistic_write' } });
        if (a && (await this.openIfEffective(manager, a))) opened++;
      });
    }
    if (opened) this.cache.clear();
    return opened;
  }

  async amend(id: string, dto: AmendArrangementDto): Promise<ArrangementView> {
    const arrangement = await this.dataSource.transaction(async (manager) => {
      await lockCoverageExclusive(manager);
      const a = await manager.findOne(Arrangement, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw ArrangementErrors.notFound('no such arrangement');
      const changes = {
        benefits: dto.benefits ?? a.benefits,
        effectiveFrom: dto.effectiveFrom ?? a.effectiveFrom,
        effectiveTo: dto.effectiveTo ?? a.effectiveTo,
      };
      if (changes.effectiveTo && changes.effectiveTo < changes.effectiveFrom) {
        throw ArrangementErrors.invalid('the arrangement is invalid', ['effectiveTo must not be before effectiveFrom']);
      }
      Object.assign(a, changes);
      await manager.update(Arrangement, { id }, changes);
      this.cache.clear();
      await this.openIfEffective(manager, a);
      return a;
    });
    this.cache.clear();
    return ArrangementView.of(arrangement);
  }

  /**
   * Records an amendment from a day on. This administration's AEOs that a partner no longer
   * covers from that day are sent to it once more, with the day recognition ends; a resumption
   * sends every AEO anew. The arrangement as it stood still answers for the days before.
   */
  async recordAmendment(id: string, dto: ArrangementAmendmentDto, by: Principal): Promise<ArrangementView> {
    const arrangement = await this.dataSource.transaction(async (manager) => {
      await lockCoverageExclusive(manager);
      const before = await manager.find(Arrangement);
      const a = before.find((x) => x.id === id);
      if (!a) throw ArrangementErrors.notFound('no such arrangement');
      const problems = this.amendmentProblems(a, dto);
      if (problems.length) throw ArrangementErrors.invalid('the amendment cannot be recorded', problems);
      const amendment: ArrangementAmendment = {
        id: randomUUID(),
        kind: dto.kind,
        on: dto.on,
        ...(dto.administration ? { administration: dto.administration } : {}),
        ...(dto.aeoType ? { aeoType: dto.aeoType } : {}),
        reason: dto.reason,
        recordedBy: by.subject,
        recordedAt: this.clock.now().toISOString(),
      };
      const amended: Arrangement = { ...a, amendments: [...(a.amendments ?? []), amendment].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0)) };
      await manager.update(Arrangement, { id }, { amendments: amended.amendments });
      this.cache.clear();
      const after = before.map((x) => (x.id === id ? amended : x));
      if (a.openedAt) {
        if (dto.kind === 'resume') await this.publisher.publishAll(manager, { arrangements: after });
        else await this.publisher.endCoverage(manager, before, after, dto.on);
      }
      this.logger.info({ arrangement: id, amendment }, 'arrangement amended');
      return amended;
    });
    this.cache.clear();
    return ArrangementView.of(arrangement);
  }

  /** What makes an amendment impossible, each said. */
  private amendmentProblems(a: Arrangement, dto: ArrangementAmendmentDto): string[] {
    const problems: string[] = [];
    if (!a.activatedAt) problems.push('the arrangement is not in force yet: record every confirmation first');
    if (dto.on < a.effectiveFrom) problems.push(`on must not be before the arrangement takes effect (${a.effectiveFrom})`);
    if (a.effectiveTo && dto.on > a.effectiveTo) problems.push(`on must not be after the arrangement ends (${a.effectiveTo})`);
    const state = arrangementOn(a, dto.on);
    const party = state.parties.find((p) => p.administration === dto.administration);
    if (dto.kind === 'drop-type' || dto.kind === 'drop-party') {
      if (!dto.administration) problems.push(`${dto.kind} needs the administration`);
      else if (!party) problems.push(`${dto.administration} is not a party on ${dto.on}`);
    }
    if (dto.kind === 'drop-type') {
      if (!dto.aeoType) problems.push('drop-type needs the aeoType');
      else if (party && !party.recognisedAeoTypes.includes(dto.aeoType)) problems.push(`AEO-${dto.aeoType} of ${dto.administration} is not recognised on ${dto.on}`);
    }
    if (dto.kind === 'drop-party') {
      if (dto.administration === this.config.ADMINISTRATION) problems.push('this administration leaves an arrangement by ending it (effectiveTo)');
      if (state.parties.length <= 2) problems.push('an arrangement needs two parties: end it instead (effectiveTo)');
    }
    if ((dto.kind === 'suspend' || dto.kind === 'resume') && (dto.administration || dto.aeoType)) problems.push(`${dto.kind} applies to the whole arrangement: no administration or aeoType`);
    if (dto.kind === 'suspend' && state.suspended) problems.push(`the arrangement is already suspended on ${dto.on}`);
    if (dto.kind === 'resume' && !state.suspended) problems.push(`the arrangement is not suspended on ${dto.on}`);
    return problems;
  }

  async create(dto: CreateArrangementDto, by: Principal): Promise<ArrangementView> {
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
    for (const c of dto.confirmations ?? []) {
      if (!administrations.includes(c.administration)) problems.push(`confirmation of ${c.administration}, which is not a party`);
    }
    if (problems.length) throw ArrangementErrors.invalid('the arrangement is invalid', problems);
    const today = this.clock.now().toISOString().slice(0, 10);
    const arrangement: Arrangement = {
      id: randomUUID(),
      amendments: [],
      name: dto.name,
      parties: dto.parties.map((p) => {
        const confirmation = dto.confirmations?.find((c) => c.administration === p.administration);
        return {
          administration: p.administration,
          recognisedAeoTypes: p.recognisedAeoTypes,
          publicKeyPem: p.publicKey,
          keyId: p.keyId,
          previousKeys: [],
          confirmation:
            p.administration === this.config.ADMINISTRATION
              ? { confirmedOn: today, reference: 'recorded by this administration', recordedBy: by.subject }
              : confirmation
                ? { confirmedOn: confirmation.confirmedOn, reference: confirmation.reference, recordedBy: by.subject }
                : null,
        };
      }),
      benefits: dto.benefits,
      effectiveFrom: dto.effectiveFrom,
      effectiveTo: dto.effectiveTo ?? null,
      activatedAt: null,
      openedAt: null,
      createdBy: by.subject,
      createdAt: this.clock.now(),
    };
    await this.dataSource.transaction(async (manager) => {
      await lockCoverageExclusive(manager);
      await manager.insert(Arrangement, arrangement);
      await this.activateIfConfirmed(manager, arrangement);
    });
    this.cache.clear();
    if (arrangement.activatedAt) this.opening.runSoon(); // what partners sent early
    return ArrangementView.of(arrangement);
  }

  /** Records a partner's confirmation; the last one activates the arrangement. */
  async confirm(id: string, dto: ConfirmationDto, by: Principal): Promise<ArrangementView> {
    const arrangement = await this.dataSource.transaction(async (manager) => {
      await lockCoverageExclusive(manager);
      const a = await manager.findOne(Arrangement, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw ArrangementErrors.notFound('no such arrangement');
      const party = a.parties.find((p) => p.administration === dto.administration);
      if (!party) throw ArrangementErrors.notAParty(`${dto.administration} is not a party to this arrangement`);
      if (party.confirmation) throw ArrangementErrors.alreadyConfirmed(`${dto.administration} has already confirmed this arrangement`);
      party.confirmation = { confirmedOn: dto.confirmedOn, reference: dto.reference, recordedBy: by.subject };
      await manager.update(Arrangement, { id }, { parties: a.parties });
      await this.activateIfConfirmed(manager, a);
      return a;
    });
    this.cache.clear();
    if (arrangement.activatedAt) this.opening.runSoon(); // what partners sent early
    return ArrangementView.of(arrangement);
  }

  /** A party rotates its signing key: the new one verifies from now, the old one still verifies what it signed. */
  async rotateKey(id: string, dto: KeyRotationDto): Promise<ArrangementView> {
    try {
      parsePublicKey(dto.publicKey);
    } catch (e) {
      throw ArrangementErrors.invalid('the key is invalid', [`publicKey: ${(e as Error).message}`]);
    }
    const arrangement = await this.dataSource.transaction(async (manager) => {
      const a = await manager.findOne(Arrangement, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw ArrangementErrors.notFound('no such arrangement');
      const party = a.parties.find((p) => p.administration === dto.administration);
      if (!party) throw ArrangementErrors.notAParty(`${dto.administration} is not a party to this arrangement`);
      if (party.keyId === dto.keyId || party.previousKeys?.some((k) => k.keyId === dto.keyId)) {
        throw ArrangementErrors.keyIdInUse(`key id ${dto.keyId} is already used by ${dto.administration}`);
      }
      party.previousKeys = [
        ...(party.previousKeys ?? []),
        { keyId: party.keyId, publicKeyPem: party.publicKeyPem, replacedOn: this.clock.now().toISOString() },
      ];
      party.keyId = dto.keyId;
      party.publicKeyPem = dto.publicKey;
      await manager.update(Arrangement, { id }, { parties: a.parties });
      return a;
    });
    this.cache.clear();
    return ArrangementView.of(arrangement);
  }

  /** A supervisor asks a partner for a full snapshot, to reconcile from. */
  async requestSnapshot(issuer: string): Promise<SnapshotRequestView> {
    const arrangements = await this.list();
    if (!arrangements.some((a) => a.activatedAt && a.parties.some((p) => p.administration === issuer)) || issuer === this.config.ADMINISTRATION) {
      throw ArrangementErrors.notAPartner(`${issuer} is not a partner in any active arrangement of ${this.config.ADMINISTRATION}`);
    }
    const requestId = await this.dataSource.transaction((manager) => this.requester.request(manager, issuer, 'snapshot'));
    return { requestId, issuer };
  }

  async list(manager: EntityManager = this.dataSource.manager): Promise<ArrangementView[]> {
    return (await manager.find(Arrangement, { order: { effectiveFrom: 'ASC' } })).map((a) => ArrangementView.of(a));
  }


  private async activateIfConfirmed(manager: EntityManager, arrangement: Arrangement): Promise<void> {
    if (arrangement.activatedAt || arrangement.parties.some((p) => !p.confirmation)) return;
    arrangement.activatedAt = this.clock.now();
    await manager.update(Arrangement, { id: arrangement.id }, { activatedAt: arrangement.activatedAt });
    this.cache.clear();
    await this.openIfEffective(manager, arrangement);
  }

  /**
   * The opening exchange, once the arrangement is confirmed and its day has come: our AEOs out,
   * theirs asked for. The caller's transaction holds the coverage lock exclusively (coverage-lock.ts).
   */
  private async openIfEffective(manager: EntityManager, arrangement: Arrangement): Promise<boolean> {
    const today = this.clock.now().toISOString().slice(0, 10);
    if (!arrangement.activatedAt || arrangement.openedAt || arrangement.effectiveFrom > today) return false;
    arrangement.openedAt = this.clock.now();
    await manager.update(Arrangement, { id: arrangement.id }, { openedAt: arrangement.openedAt });
    await this.publisher.publishAll(manager, { arrangements: await manager.find(Arrangement) });
    for (const party of arrangement.parties) {
      if (party.administration !== this.config.ADMINISTRATION) {
        await this.requester.request(manager, party.administration, 'snapshot');
      }
    }
    return true;
  }
}
