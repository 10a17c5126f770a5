import { Access, Clock, ImportedFrom, Principal, selectRowsWith, SERVICE_CONFIG, updateRow } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthorisationErrors, refusalError } from '../accreditation.errors';
import type { AeoTypeCode, Application } from '../applications/application.entity';
import { Authorisation } from '../authorisations/authorisation.entity';
import { CertificateNumbering } from '../authorisations/certificates';
import { CredentialsService } from '../credentials/credentials.service';
import { AccreditationConfig } from '../config/accreditation.config';
import { appendAuthorisationHistory, appendHistory } from '../history/history-chain';
import { Transition } from '../history/transition.entity';
import { accessAllowed, actOfStep, registeredByOf, representativeDetails } from './access';
import { applyToAuthorisation, AuthorisationAction, newAuthorisationCase, partnerStatus } from './authorisation-lifecycle';
import { columnsOf } from './columns';
import { AuthorisationTransitionDto } from './dto/transition.dto';
import { SYSTEM_ACTOR } from './engine';
import { authorisationStepDetails, grantDetails } from './history-details';
import { addYears, rulesOf, WorkflowRules } from './rules';
import { WorkflowEvents } from './workflow-events';

/**
 * The steps of an authorisation's life cycle (authorisation-lifecycle.ts): loads the case under a
 * row lock, asks the life cycle, and stores the case, the history line and the events in one
 * transaction. Also creates the authorisation when an application is granted.
 */
@Injectable()
export class AuthorisationWorkflow {
  readonly rules: WorkflowRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: WorkflowEvents,
    private readonly certificates: CertificateNumbering,
    private readonly credentials: CredentialsService,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: AccreditationConfig,
  ) {
    this.rules = rulesOf(config);
  }

  /** One step, in a transaction of its own (the API), with what its answer shows: the access found and the history after the step. */
  async act(id: string, dto: AuthorisationTransitionDto, by: Principal | typeof SYSTEM_ACTOR, correlationId?: string): Promise<StepTaken> {
    return this.dataSource.transaction((manager) => this.actIn(manager, id, dto.action as AuthorisationAction, dto, by, { correlationId, withHistory: true }));
  }

  /**
   * One step inside a transaction the caller holds (the API's own, the scheduler's, the compliance
   * consumer's), and how the principal stands to the operator (none for the system); with
   * `withHistory`, the authorisation's history after the step, read by the statement that appends it.
   */
  async actIn(
    manager: EntityManager,
    id: string,
    action: AuthorisationAction,
    dto: { reason?: string; keepType?: 'C' | 'S' },
    by: Principal | typeof SYSTEM_ACTOR,
    { correlationId, details = {}, withHistory = false }: { correlationId?: string; details?: Record<string, unknown>; withHistory?: boolean } = {},
  ): Promise<StepTaken> {
    // Read and written by statements built once (entity-rows): a status change is the registry's most frequent write.
    // The authorisation locked, and who registered its operator (for the access), in one statement.
    const [row] = await selectRowsWith<Authorisation, { registeredBy: string | null }>(manager, Authorisation, registeredByOf('authorisation'), 'WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw AuthorisationErrors.notFound('no such authorisation');
    const { registeredBy, ...authorisation } = row;
    const operator = registeredBy === null ? undefined : { registeredBy };
    const access = by === SYSTEM_ACTOR ? undefined : await accessAllowed(manager, authorisation.operatorId, operator, by as Principal, actOfStep(action));
    const asRepresentative = access ? representativeDetails(access) : {};
    const now = this.clock.now();
    const outcome = applyToAuthorisation(
      authorisation,
      { action, actor: { subject: by.subject, roles: by.roles }, now, reason: dto.reason, keepType: dto.keepType },
      this.rules,
    );
    if (!outcome.ok) throw refusalError(outcome);
    const next: Authorisation = { ...outcome.next };
    // A partial revocation keeps the serial and renumbers the certificate for the type kept.
    if (next.aeoType !== authorisation.aeoType) next.certificateNumber = this.certificates.numberOf(next.aeoType, next.certificateSerial);
    if (partnerStatus(next) !== partnerStatus(authorisation) || next.aeoType !== authorisation.aeoType) next.statusSince = now;
    await updateRow(manager, Authorisation, 'id', id, columnsOf(next) as Partial<Authorisation>);
    const line = {
      operatorId: next.operatorId,
      applicationId: next.applicationId,
      authorisationId: next.id,
      action,
      fromState: outcome.from,
      toState: outcome.to,
      by,
      reason: dto.reason ?? null,
      at: now,
      details: { ...authorisationStepDetails(action, authorisation, next, dto, details), ...asRepresentative },
    };
    const history = withHistory ? await appendAuthorisationHistory(manager, line) : (await appendHistory(manager, line), undefined);
    await this.events.authorisationStep(manager, authorisation, next, { action, by, reason: dto.reason }, correlationId);
    await this.credentials.onAuthorisation(manager, authorisation, next);
    return { next, access, history };
  }

  /** The authorisation a grant creates, valid for the years set, inside the grant's transaction. */
  async grant(manager: EntityManager, application: Application, by: Principal, now: Date, reason: string | undefined, correlationId?: string): Promise<Authorisation> {
    const authorisation: Authorisation = {
      ...newAuthorisationCase(application.aeoType, addYears(now, this.rules.validityYears)),
      ...(await this.certificates.issue(manager, application.aeoType)),
      id: randomUUID(),
      applicationId: application.id,
      operatorId: application.operatorId,
      statusSince: now,
      authorisedOn: now,
      reassessmentReason: null,
      importedFrom: null,
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
      details: grantDetails(authorisation),
    });
    await this.events.authorisationStatus(manager, authorisation, reason ?? 'granted', by.subject, correlationId);
    await this.credentials.onAuthorisation(manager, null, authorisation);
    return authorisation;
  }

  /**
   * An authorisation granted before this registry, brought in by an import: valid from the day it
   * was granted, its certificate number kept (a serial of ours beside it), told to partners and
   * the other services as a grant is, its history saying who imported it from which file.
   */
  async adopt(manager: EntityManager, imported: AdoptedAuthorisation, origin: ImportedFrom, by: Principal, correlationId?: string): Promise<Authorisation> {
    const serial = await this.certificates.adopt(manager, imported.certificateNumber);
    const authorisation: Authorisation = {
      ...newAuthorisationCase(imported.aeoType, imported.validTo),
      id: randomUUID(),
      applicationId: null,
      operatorId: imported.operatorId,
      certificateNumber: imported.certificateNumber,
      certificateSerial: serial,
      statusSince: imported.authorisedOn,
      authorisedOn: imported.authorisedOn,
      reassessmentReason: null,
      importedFrom: origin,
    };
    await manager.insert(Authorisation, authorisation);
    await appendHistory(manager, {
      operatorId: authorisation.operatorId,
      applicationId: null,
      authorisationId: authorisation.id,
      action: 'import',
      fromState: null,
      toState: 'valid',
      by,
      reason: `imported from ${origin.fileName}`,
      at: new Date(origin.importedAt),
      details: { ...grantDetails(authorisation), authorisedOn: imported.authorisedOn, importRunId: origin.runId, fileName: origin.fileName, sha256: origin.sha256, line: origin.line },
    });
    await this.events.authorisationStatus(manager, authorisation, `imported: granted on ${imported.authorisedOn.toISOString().slice(0, 10)} before this registry`, by.subject, correlationId);
    await this.credentials.onAuthorisation(manager, null, authorisation);
    return authorisation;
  }
}

/** A step taken: the authorisation after it, how the principal stands to its operator (none for the system), its history when asked. */
export interface StepTaken {
  next: Authorisation;
  access?: Access;
  history?: Transition[];
}

/** What an import says of an authorisation granted before this registry. */
export interface AdoptedAuthorisation {
  operatorId: string;
  aeoType: AeoTypeCode;
  certificateNumber: string;
  authorisedOn: Date;
  validTo: Date;
}
