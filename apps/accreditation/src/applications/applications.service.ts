import { accessTo, Clock, isStaff, Principal } from '@aeo/platform';
import { ApplicationErrors } from '../accreditation.errors';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Authorisation } from '../authorisations/authorisation.entity';
import { Transition } from '../history/transition.entity';
import { KnownOperator } from '../operators/known-operator.entity';
import { isMsme, MSME_SIZE_CLASSES } from '@aeo/contracts';
import { SaqCatalogue } from '../saq/saq-catalogue';
import { reportSaq } from '../saq/saq';
import { SaqSection } from '../saq/saq-section.entity';
import { operatorFor, stepsFor } from '../workflow/access';
import { nextApplicationDeadlineSql } from '../deadlines/running-deadlines';
import { applicationActionsOpen, APPLICATION_STAGES, EDITABLE_STAGES, newApplicationCase } from '../workflow/state-machine';
import { appendHistory } from '../history/history-chain';
import { ApplicationWorkflow } from '../workflow/application-workflow';
import { WorkflowEvents } from '../workflow/workflow-events';
import { reapplicationBarredUntil } from '../authorisations/reapplication-bar';
import { sectionsOf } from '../saq/saq-sections';
import { Application } from './application.entity';
import { AssignDto, CreateApplicationDto, QueueQueryDto, SaveSectionDto } from './dto/application.dto';
import { ApplicationTransitionDto } from '../workflow/dto/transition.dto';
import { ApplicationView } from './dto/application.view';
import { HistoryEntryView } from '../history/dto/history-entry.view';

const QUEUE_STAGES = APPLICATION_STAGES.filter((s) => !['draft', 'granted', 'withdrawn'].includes(s));
const MAX_ANSWER = 8000;

/** Applications: the draft and its SAQ, the officers' queue, assignment and the view of a case. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: ApplicationWorkflow,
    private readonly events: WorkflowEvents,
    private readonly clock: Clock,
    private readonly questionnaires: SaqCatalogue,
  ) {}

  /** A trader opens a draft for its operator; refused while a revocation bars reapplying. */
  async create(dto: CreateApplicationDto, by: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const operator = await operatorFor(manager, dto.operatorId, by, 'prepare');
      const now = this.clock.now();
      const barred = await reapplicationBarredUntil(manager, dto.operatorId, now, this.workflow.rules.reapplicationBarYears);
      if (barred) {
        throw ApplicationErrors.reapplicationBarred(`an authorisation of this operator was revoked: a new application is refused until ${barred.toISOString()}`);
      }
      const open = await manager.query(
        `SELECT id, stage FROM application WHERE operator_id = $1 AND aeo_type = $2
           AND stage NOT IN ('granted', 'rejected', 'withdrawn') LIMIT 1`,
        [dto.operatorId, dto.aeoType],
      );
      if (open.length) {
        throw ApplicationErrors.alreadyOpen(`the operator already has an application for AEO-${dto.aeoType} (${open[0].id}, ${open[0].stage})`);
      }
      const application = manager.create(Application, {
        ...newApplicationCase(),
        id: randomUUID(),
        operatorId: dto.operatorId,
        aeoType: dto.aeoType,
        saqVersion: this.questionnaires.current.version,
        sizeClass: operator.sizeClass,
        createdBy: by.subject,
        createdAt: now,
        assignee: null,
        visitPlannedFor: null,
        visitFindings: null,
      });
      await manager.insert(Application, application);
      await appendHistory(manager, {
        operatorId: application.operatorId,
        applicationId: application.id,
        authorisationId: null,
        action: 'create_draft',
        fromState: null,
        toState: 'draft',
        by,
        reason: null,
        at: now,
        details: { aeoType: application.aeoType, sizeClass: application.sizeClass, saqVersion: application.saqVersion },
      });
      return this.view(manager, application, by);
    });
  }

  /**
   * The application, locked, when the principal is the operator's trader and the stage still
   * lets the trader change `what` (the SAQ, the evidence); otherwise the refusal says why.
   */
  async editableByTrader(manager: EntityManager, id: string, by: Principal, what: string): Promise<Application> {
    const application = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw ApplicationErrors.notFound('no such application');
    // The holder, or a representative whose mandate covers preparing (staff review; they do not write the trader's SAQ).
    if (!by.roles.includes('trader')) throw ApplicationErrors.notYours('this application is not yours');
    await operatorFor(manager, application.operatorId, by, 'prepare');
    if (!EDITABLE_STAGES.includes(application.stage)) {
      throw ApplicationErrors.notEditable(`${what} can be changed in the stages ${EDITABLE_STAGES.join(', ')}; this application is ${application.stage}`);
    }
    return application;
  }

  /** Loads an application the principal may see. */
  async load(manager: EntityManager, id: string, by: Principal): Promise<Application> {
    const application = await manager.findOneBy(Application, { id });
    if (!application) throw ApplicationErrors.notFound('no such application');
    await operatorFor(manager, application.operatorId, by);
    return application;
  }

  async get(id: string, by: Principal) {
    const manager = this.dataSource.manager;
    const application = await manager.findOneBy(Application, { id });
    if (!application) throw ApplicationErrors.notFound('no such application');
    return this.view(manager, application, by, await operatorFor(manager, application.operatorId, by));
  }

  /** Saves one SAQ section as drafted: partial answers are kept; nothing is checked for completeness yet. */
  async saveSection(id: string, code: string, dto: SaveSectionDto, by: Principal, languages: readonly string[] = []) {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.editableByTrader(manager, id, by, 'the SAQ');
      const c = (await this.questionnaires.of(application.saqVersion)).criterionFor(application.aeoType, code);
      if (!c) {
        throw ApplicationErrors.noSuchSection(`no SAQ section ${code} for an AEO-${application.aeoType} application (GET /saq/criteria?aeoType=${application.aeoType})`);
      }
      const problems: string[] = [];
      for (const [q, answer] of Object.entries(dto.answers ?? {})) {
        if (!c.questions.some((x) => x.id === q)) problems.push(`answers.${q}: no such question in ${code}`);
        else if (typeof answer !== 'string') problems.push(`answers.${q} must be a string`);
        else if (answer.length > MAX_ANSWER) problems.push(`answers.${q} must be at most ${MAX_ANSWER} characters`);
      }
      if (dto.evidenceRoute === 'msme' && !isMsme(application.sizeClass)) {
        problems.push(`evidenceRoute msme is for micro, small and medium operators; this operator's size class is ${application.sizeClass ?? 'not known'}`);
      }
      if (problems.length) throw ApplicationErrors.invalidAnswers('the answers are invalid', problems);
      const existing = await manager.findOneBy(SaqSection, { applicationId: id, criterion: code });
      await manager.save(SaqSection, {
        applicationId: id,
        criterion: code,
        answers: { ...(existing?.answers ?? {}), ...(dto.answers ?? {}) },
        evidenceRoute: dto.evidenceRoute ?? existing?.evidenceRoute ?? 'standard',
        updatedBy: by.subject,
        updatedAt: this.clock.now(),
      });
      return this.saqOf(manager, application, languages);
    });
  }

  /** The application's SAQ in the version it rests on, its texts in the caller's language where the version has it. */
  async saq(id: string, by: Principal, languages: readonly string[] = []) {
    const manager = this.dataSource.manager;
    return this.saqOf(manager, await this.load(manager, id, by), languages);
  }

  private async saqOf(manager: EntityManager, application: Application, languages: readonly string[]) {
    const questionnaire = await this.questionnaires.of(application.saqVersion);
    const language = questionnaire.languageFor(languages);
    const sections = reportSaq(questionnaire, application, await sectionsOf(manager, application.id), language);
    return {
      applicationId: application.id,
      aeoType: application.aeoType,
      saqVersion: questionnaire.version,
      language,
      msme: isMsme(application.sizeClass),
      complete: sections.every((s) => s.complete),
      sections,
    };
  }

  /** The officers' work queue: by stage, deadline, size class, assignee; the nearest deadline first. */
  async queue(q: QueueQueryDto) {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    // Without a stage asked for, the queue is the open work: not drafts (the trader's), not decided cases.
    where.push(`a.stage = ANY(${p(q.stage?.length ? q.stage : QUEUE_STAGES)}::text[])`);
    if (q.sizeClass?.length) {
      const classes = q.sizeClass.filter((s) => s !== 'unknown');
      where.push(`(a.size_class = ANY(${p(classes)}::text[])${q.sizeClass.includes('unknown') ? ' OR a.size_class IS NULL' : ''})`);
    }
    if (q.assignee === 'none') where.push('a.assignee IS NULL');
    else if (q.assignee) where.push(`a.assignee = ${p(q.assignee)}`);
    if (q.operatorId) where.push(`a.operator_id = ${p(q.operatorId)}`);
    // The deadline that runs in the application's stage (a paused decision clock has none).
    const next = nextApplicationDeadlineSql('a');
    if (q.deadlineBefore) where.push(`${next} <= ${p(new Date(q.deadlineBefore))}`);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.id, a.operator_id AS "operatorId", o.legal_name AS "legalName", a.aeo_type AS "aeoType", a.stage,
              a.size_class AS "sizeClass", coalesce(a.size_class = ANY(${p(MSME_SIZE_CLASSES)}::text[]), false) AS msme, a.assignee, a.submitted_at AS "submittedAt", a.decision_due AS "decisionDue",
              a.paused_since IS NOT NULL AS paused, ${next} AS "nextDeadline", count(*) OVER () AS total
         FROM application a JOIN known_operator o ON o.operator_id = a.operator_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${next} ASC NULLS LAST, a.created_at ASC
        LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    const total = rows.length ? Number(rows[0].total) : 0;
    return { total, limit, offset, items: rows.map(({ total: _t, ...r }) => r) };
  }

  /** A supervisor assigns an application to an officer; the assignment is part of the history. */
  async assign(id: string, dto: AssignDto, by: Principal, correlationId?: string) {
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw ApplicationErrors.notFound('no such application');
      if (['granted', 'rejected', 'withdrawn', 'draft'].includes(application.stage)) {
        throw ApplicationErrors.notInQueue(`an application that is ${application.stage} is not in the officers' queue`);
      }
      const from = application.assignee;
      application.assignee = dto.assignee;
      await manager.update(Application, { id }, { assignee: dto.assignee });
      const at = this.clock.now();
      // The officer is told (notifications): an assignment is a step from the stage to itself.
      await this.events.applicationStep(manager, application, { action: 'assign', from: application.stage, to: application.stage, by, at }, correlationId);
      await appendHistory(manager, {
        operatorId: application.operatorId,
        applicationId: id,
        authorisationId: null,
        action: 'assign',
        fromState: application.stage,
        toState: application.stage,
        by,
        reason: null,
        at,
        details: { assignee: { from, to: dto.assignee } },
      });
      return this.view(manager, application, by);
    });
  }

  /** Takes a step of the life cycle (the workflow's transaction), then answers the case as it is after the step. */
  async act(id: string, dto: ApplicationTransitionDto, by: Principal, correlationId?: string): Promise<ApplicationView> {
    const next = await this.workflow.act(id, dto, by, correlationId);
    return this.view(this.dataSource.manager, next, by);
  }

  async history(id: string, by: Principal) {
    const manager = this.dataSource.manager;
    await this.load(manager, id, by);
    return (await manager.find(Transition, { where: { applicationId: id }, order: { position: 'ASC' } })).map(HistoryEntryView.of);
  }

  /** The applications of an operator, newest first, each as its users see it. */
  async ofOperator(operatorId: string, by: Principal): Promise<ApplicationView[]> {
    const manager = this.dataSource.manager;
    const operator = await operatorFor(manager, operatorId, by);
    const rows = await manager.find(Application, { where: { operatorId }, order: { createdAt: 'DESC' } });
    return Promise.all(rows.map((a) => this.view(manager, a, by, operator)));
  }

  async operatorHistory(operatorId: string, by: Principal) {
    const manager = this.dataSource.manager;
    await operatorFor(manager, operatorId, by);
    return (await manager.find(Transition, { where: { operatorId }, order: { position: 'ASC' } })).map(HistoryEntryView.of);
  }

  /** The case as its users see it: deadlines, pause, the steps open to the viewer, the authorisation. */
  /** The case as its users see it; `operator` when the caller has it already. */
  async view(manager: EntityManager, a: Application, by: Principal, operator?: KnownOperator | null): Promise<ApplicationView> {
    const authorisation = a.stage === 'granted' ? await manager.findOneBy(Authorisation, { applicationId: a.id }) : null;
    operator ??= await manager.findOneBy(KnownOperator, { operatorId: a.operatorId });
    const access = operator ? await accessTo(manager, operator, by) : { staff: isStaff(by), holder: false, acts: new Set<never>() };
    const roles = access.staff || access.holder || access.acts.size > 0 ? by.roles : [];
    return ApplicationView.of(a, {
      legalName: operator?.legalName,
      actionsOpen: stepsFor(access, applicationActionsOpen(a, { subject: by.subject, roles }, this.clock.now(), this.workflow.rules)),
      authorisationId: authorisation?.id ?? null,
      certificateNumber: authorisation?.certificateNumber ?? null,
    });
  }

}
