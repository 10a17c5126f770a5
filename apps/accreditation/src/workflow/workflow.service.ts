import { create } from '@bufbuild/protobuf';
import { ApplicationErrors, AuthorisationErrors, refusalError } from '../accreditation.errors';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AeoStatus,
  AeoType,
  ApplicationStageChangedSchema,
  ApplicationSubmittedSchema,
  AuthorisationStatusChangedSchema,
  Events,
} from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, Principal, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Application, VisitFinding } from '../applications/application.entity';
import { Authorisation } from '../authorisations/authorisation.entity';
import { certificateNumber } from '../authorisations/certificate-number';
import { AccreditationConfig } from '../config/accreditation.config';
import { Evidence } from '../evidence/evidence.entity';
import { appendHistory } from '../history/history-chain';
import { KnownOperator } from '../operators/known-operator.entity';
import { OperatorCompliance } from '../operators/operator-compliance.entity';
import { criteriaFor } from '../saq/safe-criteria';
import { missingOf, reportSaq, SectionState } from '../saq/saq';
import { SaqSection } from '../saq/saq-section.entity';
import { operatorFor } from './access';
import { ApplicationTransitionDto, AuthorisationTransitionDto } from './dto/transition.dto';
import { addYears, rulesOf, WorkflowRules } from './rules';
import {
  Actor,
  ApplicationAction,
  applyToApplication,
  applyToAuthorisation,
  AuthorisationAction,
  newAuthorisationCase,
  Outcome,
  partnerStatus,
  PartnerStatus,
} from './state-machine';

const AEO_TYPE = { C: AeoType.C, S: AeoType.S, F: AeoType.F } as const;
const AEO_STATUS: Record<PartnerStatus, AeoStatus> = {
  valid: AeoStatus.VALID,
  suspended: AeoStatus.SUSPENDED,
  revoked: AeoStatus.REVOKED,
  withdrawn: AeoStatus.WITHDRAWN,
  expired: AeoStatus.EXPIRED,
};

/** The scheduler and the compliance rules act as this. */
export const SYSTEM_ACTOR: Actor = { subject: 'system', roles: ['system'] };

/** The row's columns but its key, for one UPDATE (no SELECT first, as `save` would do). */
function columnsOf<T extends { id: string }>(row: T): QueryDeepPartialEntity<T> {
  const columns: Partial<T> = { ...row };
  delete columns.id;
  return columns as QueryDeepPartialEntity<T>;
}

function refuse(outcome: Exclude<Outcome<unknown>, { ok: true }>): never {
  throw refusalError(outcome);
}

/**
 * Takes the steps of the life cycle: loads the case under a row lock, asks the state machine,
 * and stores the case, the history line and the events in one transaction.
 */
@Injectable()
export class WorkflowService {
  readonly rules: WorkflowRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {
    this.rules = rulesOf(config);
  }

  async actOnApplication(id: string, dto: ApplicationTransitionDto, by: Principal, correlationId?: string) {
    const action = dto.action as ApplicationAction;
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw ApplicationErrors.notFound('no such application');
      const operator = await operatorFor(manager, application.operatorId, by);
      const now = this.clock.now();
      const facts = await this.factsFor(manager, action, application, operator, now);
      const extra = await this.inputFor(manager, action, application, dto);
      const outcome = applyToApplication(
        application,
        { action, actor: { subject: by.subject, roles: by.roles }, now, reason: dto.reason, facts },
        this.rules,
      );
      if (!outcome.ok) refuse(outcome);
      const next: Application = { ...outcome.next, ...extra };
      await manager.update(Application, { id }, columnsOf(next));
      await this.applicationStep(manager, next, action, outcome.from, outcome.to, by, now, dto, correlationId);
      if (outcome.to === 'granted') await this.createAuthorisation(manager, next, by, now, dto.reason, correlationId);
      return next;
    });
  }

  async actOnAuthorisation(id: string, dto: AuthorisationTransitionDto, by: Principal | typeof SYSTEM_ACTOR, correlationId?: string) {
    return this.dataSource.transaction((manager) =>
      this.actOnAuthorisationIn(manager, id, dto.action as AuthorisationAction, dto, by, correlationId),
    );
  }

  /** One authorisation step inside a transaction the caller holds (the scheduler, the compliance consumer). */
  async actOnAuthorisationIn(
    manager: EntityManager,
    id: string,
    action: AuthorisationAction,
    dto: { reason?: string; keepType?: 'C' | 'S' },
    by: Principal | typeof SYSTEM_ACTOR,
    correlationId?: string,
    details: Record<string, unknown> = {},
  ): Promise<Authorisation> {
    const authorisation = await manager.findOne(Authorisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!authorisation) throw AuthorisationErrors.notFound('no such authorisation');
    if (by !== SYSTEM_ACTOR) await operatorFor(manager, authorisation.operatorId, by as Principal);
    const now = this.clock.now();
    const outcome = applyToAuthorisation(
      authorisation,
      { action, actor: { subject: by.subject, roles: by.roles }, now, reason: dto.reason, keepType: dto.keepType },
      this.rules,
    );
    if (!outcome.ok) refuse(outcome);
    const before = { status: partnerStatus(authorisation), aeoType: authorisation.aeoType };
    const next: Authorisation = { ...outcome.next };
    if (next.aeoType !== authorisation.aeoType) {
      next.certificateNumber = certificateNumber(this.config.ADMINISTRATION, next.aeoType, next.certificateSerial, this.config.CERTIFICATE_NUMBER_FORMAT);
    }
    const after = partnerStatus(next);
    if (after !== before.status || next.aeoType !== before.aeoType) next.statusSince = now;
    const renewed = next.validTo.getTime() !== authorisation.validTo.getTime();
    await manager.update(Authorisation, { id }, columnsOf(next));
    await appendHistory(manager, {
      operatorId: next.operatorId,
      applicationId: next.applicationId,
      authorisationId: next.id,
      action,
      fromState: outcome.from,
      toState: outcome.to,
      by,
      reason: dto.reason ?? null,
      at: now,
      details: {
        ...details,
        ...(dto.keepType ? { keepType: dto.keepType } : {}),
        ...(next.hearingDue && action.startsWith('propose') ? { hearingDue: next.hearingDue } : {}),
        ...(next.cureDue && next.cureDue !== authorisation.cureDue ? { cureDue: next.cureDue } : {}),
        ...(renewed ? { validTo: { from: authorisation.validTo, to: next.validTo } } : {}),
        ...(next.certificateNumber !== authorisation.certificateNumber
          ? { certificateNumber: { from: authorisation.certificateNumber, to: next.certificateNumber } }
          : {}),
      },
    });
    if (after !== before.status || next.aeoType !== before.aeoType || renewed) {
      await this.statusEvent(manager, next, dto.reason ?? action.replace(/_/g, ' '), by.subject, correlationId);
    }
    return next;
  }

  /** What the state machine needs to know beyond the case: completeness, compliance, the bar. */
  private async factsFor(manager: EntityManager, action: ApplicationAction, application: Application, operator: KnownOperator, now: Date) {
    if (action === 'submit') {
      const report = reportSaq(application, await this.sectionsOf(manager, application.id));
      return { missing: missingOf(report), reapplicationBarredUntil: await this.barredUntil(manager, application.operatorId, now) };
    }
    if (action === 'grant') {
      const compliance = await manager.findOneBy(OperatorCompliance, { operatorId: operator.operatorId });
      return {
        grantBlockedBecause: compliance
          ? compliance.grantBlockedBecause
          : ['conduct-compliance has not reported on the operator yet (no accepted Code of Conduct is known)'],
      };
    }
    return {};
  }

  /** Input some steps carry: the date of the visit, the findings per criterion. */
  private async inputFor(manager: EntityManager, action: ApplicationAction, application: Application, dto: ApplicationTransitionDto) {
    if (dto.evidenceIds?.length) {
      const found = await manager.count(Evidence, { where: { id: In(dto.evidenceIds), applicationId: application.id, removedAt: IsNull() } });
      if (found !== new Set(dto.evidenceIds).size) throw ApplicationErrors.invalidStep('evidenceIds: every id must be evidence attached to this application');
    }
    if (action === 'plan_visit') {
      if (!dto.plannedFor) throw ApplicationErrors.invalidStep('plannedFor is required to plan the validation visit');
      return { visitPlannedFor: new Date(dto.plannedFor) };
    }
    if (action === 'record_visit') {
      const expected = criteriaFor(application.aeoType).map((c) => c.code);
      const findings = dto.findings ?? [];
      const twice = findings.map((f) => f.criterion).filter((c, i, all) => all.indexOf(c) !== i);
      if (twice.length) throw ApplicationErrors.invalidStep(`one finding per criterion; twice: ${[...new Set(twice)].join(', ')}`);
      const unknown = findings.filter((f) => !expected.includes(f.criterion)).map((f) => f.criterion);
      if (unknown.length) throw ApplicationErrors.invalidStep(`findings for criteria this application does not cover: ${unknown.join(', ')}`);
      const missing = expected.filter((c) => !findings.some((f) => f.criterion === c));
      if (missing.length) throw ApplicationErrors.invalidStep(`findings are required for every criterion; missing: ${missing.join(', ')}`);
      return {
        visitFindings: findings.map<VisitFinding>((f) => ({ criterion: f.criterion, result: f.result, note: f.note, actions: f.actions ?? [] })),
      };
    }
    return {};
  }

  async sectionsOf(manager: EntityManager, applicationId: string): Promise<Map<string, SectionState>> {
    const sections = await manager.findBy(SaqSection, { applicationId });
    const attached: { criterion: string; evidence_item: string }[] = await manager.query(
      `SELECT DISTINCT criterion, evidence_item FROM evidence WHERE application_id = $1 AND removed_at IS NULL`,
      [applicationId],
    );
    const map = new Map<string, SectionState>();
    for (const s of sections) map.set(s.criterion, { answers: s.answers, evidenceRoute: s.evidenceRoute, attachedItems: [] });
    for (const a of attached) {
      const s = map.get(a.criterion) ?? { answers: {}, evidenceRoute: 'standard', attachedItems: [] };
      s.attachedItems.push(a.evidence_item);
      map.set(a.criterion, s);
    }
    return map;
  }

  /** Until when a new application of the operator is refused after a revocation, if it is. */
  async barredUntil(manager: EntityManager, operatorId: string, now: Date): Promise<Date | undefined> {
    const [row] = await manager.query(`SELECT max(revoked_at) AS at FROM authorisation WHERE operator_id = $1`, [operatorId]);
    if (!row?.at) return undefined;
    const until = addYears(new Date(row.at), this.rules.reapplicationBarYears);
    return until > now ? until : undefined;
  }

  private async createAuthorisation(manager: EntityManager, application: Application, by: Principal, now: Date, reason: string | undefined, correlationId?: string) {
    const [{ serial }] = await manager.query(`SELECT nextval('certificate_serial')::int AS serial`);
    const authorisation: Authorisation = {
      ...newAuthorisationCase(application.aeoType, addYears(now, this.rules.validityYears)),
      id: randomUUID(),
      applicationId: application.id,
      operatorId: application.operatorId,
      certificateSerial: serial,
      certificateNumber: certificateNumber(this.config.ADMINISTRATION, application.aeoType, serial, this.config.CERTIFICATE_NUMBER_FORMAT),
      statusSince: now,
      authorisedOn: now,
      reassessmentReason: null,
    };
    await manager.insert(Authorisation, authorisation);
    await appendHistory(manager, {
      operatorId: authorisation.operatorId,
      applicationId: application.id,
      authorisationId: authorisation.id,
      action: 'grant',
      fromState: null,
      toState: 'valid',
      by,
      reason: reason ?? 'granted',
      at: now,
      details: { certificateNumber: authorisation.certificateNumber, validTo: authorisation.validTo },
    });
    await this.statusEvent(manager, authorisation, reason ?? 'granted', by.subject, correlationId);
  }

  private async applicationStep(
    manager: EntityManager,
    application: Application,
    action: ApplicationAction,
    from: string,
    to: string,
    by: Principal,
    now: Date,
    dto: ApplicationTransitionDto,
    correlationId?: string,
  ) {
    await appendHistory(manager, {
      operatorId: application.operatorId,
      applicationId: application.id,
      authorisationId: null,
      action,
      fromState: from,
      toState: to,
      by,
      reason: dto.reason ?? null,
      at: now,
      details: {
        ...(dto.evidenceIds?.length ? { evidenceIds: dto.evidenceIds } : {}),
        ...(action === 'plan_visit' ? { plannedFor: application.visitPlannedFor } : {}),
        ...(action === 'record_visit' ? { findings: application.visitFindings } : {}),
        ...(action === 'submit' ? { completenessDue: application.completenessDue } : {}),
        ...(['accept', 'answer_information', 'extend_decision', 'extend_for_information'].includes(action)
          ? { decisionDue: application.decisionDue, pausedMs: application.pausedMs }
          : {}),
        ...(action === 'propose_rejection' ? { hearingDue: application.hearingDue } : {}),
        ...(action === 'reject' ? { appealDue: application.appealDue } : {}),
      },
    });
    await this.outbox.append(manager, Events.applicationStageChanged, {
      aggregateId: application.id,
      correlationId,
      occurredAt: now,
      message: create(ApplicationStageChangedSchema, {
        applicationId: application.id,
        operatorId: application.operatorId,
        aeoType: AEO_TYPE[application.aeoType],
        action,
        fromStage: from,
        toStage: to,
        actor: by.subject,
        reason: dto.reason ?? '',
        at: timestampFromDate(now),
        sizeClass: application.sizeClass ?? '',
        decisionDue: application.decisionDue ? timestampFromDate(application.decisionDue) : undefined,
      }),
    });
    if (action === 'submit') {
      await this.outbox.append(manager, Events.applicationSubmitted, {
        aggregateId: application.id,
        correlationId,
        occurredAt: now,
        message: create(ApplicationSubmittedSchema, {
          applicationId: application.id,
          operatorId: application.operatorId,
          aeoType: AEO_TYPE[application.aeoType],
          submittedAt: timestampFromDate(now),
        }),
      });
    }
  }


  /** The status partners and the other services see, told through the outbox. */
  private async statusEvent(manager: EntityManager, a: Authorisation, reason: string, decidedBy: string, correlationId?: string) {
    await this.outbox.append(manager, Events.authorisationStatusChanged, {
      aggregateId: a.id,
      correlationId,
      occurredAt: a.statusSince,
      message: create(AuthorisationStatusChangedSchema, {
        authorisationId: a.id,
        operatorId: a.operatorId,
        certificateNumber: a.certificateNumber,
        aeoType: AEO_TYPE[a.aeoType],
        status: AEO_STATUS[partnerStatus(a)],
        statusSince: timestampFromDate(a.statusSince),
        authorisedOn: timestampFromDate(a.authorisedOn),
        validTo: timestampFromDate(a.validTo),
        reason,
        decidedBy,
      }),
    });
  }
}
