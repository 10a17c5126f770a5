import { Clock, Principal, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ApplicationErrors, refusalError } from '../accreditation.errors';
import { Application } from '../applications/application.entity';
import { reapplicationBarredUntil } from '../authorisations/reapplication-bar';
import { AccreditationConfig } from '../config/accreditation.config';
import { Evidence } from '../evidence/evidence.entity';
import { appendHistory } from '../history/history-chain';
import { OperatorCompliance } from '../operators/operator-compliance.entity';
import { SaqCatalogue } from '../saq/saq-catalogue';
import { missingOf, reportSaq } from '../saq/saq';
import { sectionsOf } from '../saq/saq-sections';
import { actOfStep, operatorAccess, representativeDetails } from './access';
import { ApplicationAction, applyToApplication } from './application-lifecycle';
import { AuthorisationWorkflow } from './authorisation-workflow';
import { columnsOf } from './columns';
import { ApplicationTransitionDto } from './dto/transition.dto';
import { Command } from './engine';
import { applicationStepDetails } from './history-details';
import { rulesOf, WorkflowRules } from './rules';
import { findingsProblem, recordedFindings } from './visit-findings';
import { WorkflowEvents } from './workflow-events';

/**
 * The steps of an application's life cycle (application-lifecycle.ts): loads the case under a row
 * lock, gathers the facts and input the step needs, asks the life cycle, and stores the case, the
 * history line and the events in one transaction; a grant creates the authorisation in the same
 * transaction (AuthorisationWorkflow.grant).
 */
@Injectable()
export class ApplicationWorkflow {
  readonly rules: WorkflowRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: WorkflowEvents,
    private readonly authorisations: AuthorisationWorkflow,
    private readonly clock: Clock,
    private readonly saq: SaqCatalogue,
    @Inject(SERVICE_CONFIG) config: AccreditationConfig,
  ) {
    this.rules = rulesOf(config);
  }

  async act(id: string, dto: ApplicationTransitionDto, by: Principal, correlationId?: string): Promise<Application> {
    const action = dto.action as ApplicationAction;
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw ApplicationErrors.notFound('no such application');
      const { access } = await operatorAccess(manager, application.operatorId, by, actOfStep(action));
      const now = this.clock.now();
      const facts = await this.factsFor(manager, action, application, now);
      const input = await this.inputFor(manager, action, application, dto);
      const outcome = applyToApplication(
        application,
        { action, actor: { subject: by.subject, roles: by.roles }, now, reason: dto.reason, facts },
        this.rules,
      );
      if (!outcome.ok) throw refusalError(outcome);
      const next: Application = { ...outcome.next, ...input };
      await manager.update(Application, { id }, columnsOf(next));
      await appendHistory(manager, {
        operatorId: next.operatorId,
        applicationId: next.id,
        authorisationId: null,
        action,
        fromState: outcome.from,
        toState: outcome.to,
        by,
        reason: dto.reason ?? null,
        at: now,
        details: { ...applicationStepDetails(action, next, dto), ...representativeDetails(access) },
      });
      await this.events.applicationStep(manager, next, { action, from: outcome.from, to: outcome.to, by, reason: dto.reason, at: now }, correlationId);
      if (outcome.to === 'granted') await this.authorisations.grant(manager, next, by, now, dto.reason, correlationId);
      return next;
    });
  }

  /** What the life cycle needs to know beyond the case: completeness and the bar (submit), compliance (grant). */
  private async factsFor(manager: EntityManager, action: ApplicationAction, application: Application, now: Date): Promise<Command<ApplicationAction>['facts']> {
    if (action === 'submit') {
      const report = reportSaq(await this.saq.of(application.saqVersion), application, await sectionsOf(manager, application.id));
      return {
        missing: missingOf(report),
        reapplicationBarredUntil: await reapplicationBarredUntil(manager, application.operatorId, now, this.rules.reapplicationBarYears),
      };
    }
    if (action === 'grant') {
      const compliance = await manager.findOneBy(OperatorCompliance, { operatorId: application.operatorId });
      return {
        grantBlockedBecause: compliance
          ? compliance.grantBlockedBecause
          : ['conduct-compliance has not reported on the operator yet (no accepted Code of Conduct is known)'],
      };
    }
    return {};
  }

  /** Input some steps carry: the evidence they rest on, the date of the visit, the findings per criterion. */
  private async inputFor(manager: EntityManager, action: ApplicationAction, application: Application, dto: ApplicationTransitionDto): Promise<Partial<Application>> {
    if (dto.evidenceIds?.length) {
      const found = await manager.count(Evidence, { where: { id: In(dto.evidenceIds), applicationId: application.id, removedAt: IsNull() } });
      if (found !== new Set(dto.evidenceIds).size) throw ApplicationErrors.invalidStep('evidenceIds: every id must be evidence attached to this application');
    }
    if (action === 'plan_visit') {
      if (!dto.plannedFor) throw ApplicationErrors.invalidStep('plannedFor is required to plan the validation visit');
      return { visitPlannedFor: new Date(dto.plannedFor) };
    }
    if (action === 'record_visit') {
      const findings = dto.findings ?? [];
      const problem = findingsProblem((await this.saq.of(application.saqVersion)).criteriaFor(application.aeoType).map((c) => c.code), findings);
      if (problem) throw ApplicationErrors.invalidStep(problem);
      return { visitFindings: recordedFindings(findings) };
    }
    return {};
  }
}
