import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, ApplicationSubmittedSchema, AuthorisationStatusChangedSchema, Events } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, Principal, SERVICE_CONFIG } from '@aeo/platform';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Application } from '../applications/application.entity';
import { SubmitApplicationDto } from '../applications/dto/submit-application.dto';
import { AccreditationConfig } from '../config/accreditation.config';
import { KnownOperator } from '../operators/known-operator.entity';
import { AuthorisationAction, AUTHORISATION_TRANSITIONS, AuthorisationStatus, transitionProblem } from './authorisation-lifecycle';
import { AuthorisationTransition } from './authorisation-transition.entity';
import { Authorisation } from './authorisation.entity';
import { certificateNumber } from './certificate-number';

const AEO_TYPE = { C: AeoType.C, S: AeoType.S, F: AeoType.F } as const;
const AEO_STATUS: Record<AuthorisationStatus, AeoStatus> = {
  valid: AeoStatus.VALID,
  suspended: AeoStatus.SUSPENDED,
  revoked: AeoStatus.REVOKED,
  withdrawn: AeoStatus.WITHDRAWN,
  expired: AeoStatus.EXPIRED,
};
const STAFF = ['officer', 'supervisor', 'auditor'] as const;

@Injectable()
export class AccreditationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {}

  async submit(dto: SubmitApplicationDto, by: Principal, correlationId?: string): Promise<Application> {
    const operator = await this.dataSource.getRepository(KnownOperator).findOneBy({ operatorId: dto.operatorId });
    if (!operator) {
      throw new NotFoundException(`operator ${dto.operatorId} is not registered (or its registration has not reached accreditation yet)`);
    }
    if (operator.registeredBy !== by.subject) throw new ForbiddenException('this operator is not yours');
    const application: Application = {
      id: randomUUID(),
      operatorId: dto.operatorId,
      aeoType: dto.aeoType,
      status: 'submitted',
      submittedBy: by.subject,
      submittedAt: this.clock.now(),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Application, application);
      await this.outbox.append(manager, Events.applicationSubmitted, {
        aggregateId: application.id,
        correlationId,
        occurredAt: application.submittedAt,
        message: create(ApplicationSubmittedSchema, {
          applicationId: application.id,
          operatorId: application.operatorId,
          aeoType: AEO_TYPE[application.aeoType],
          submittedAt: timestampFromDate(application.submittedAt),
        }),
      });
    });
    return application;
  }

  async getApplication(id: string, by: Principal): Promise<Application> {
    const application = await this.dataSource.getRepository(Application).findOneBy({ id });
    if (!application) throw new NotFoundException('no such application');
    if (!this.isStaff(by) && application.submittedBy !== by.subject) throw new ForbiddenException('this application is not yours');
    return application;
  }

  /** Grants AEO status on an application: a numbered certificate, valid for the configured years. */
  async grant(applicationId: string, reason: string | undefined, by: Principal, correlationId?: string) {
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw new NotFoundException('no such application');
      if (application.status !== 'submitted') throw new ConflictException(`the application is already ${application.status}`);
      const now = this.clock.now();
      const [{ serial }] = await manager.query(`SELECT nextval('certificate_serial')::int AS serial`);
      const validTo = new Date(now);
      validTo.setUTCFullYear(validTo.getUTCFullYear() + this.config.AUTHORISATION_VALIDITY_YEARS);
      const authorisation: Authorisation = {
        id: randomUUID(),
        applicationId,
        operatorId: application.operatorId,
        certificateNumber: certificateNumber(this.config.ADMINISTRATION, application.aeoType, serial),
        aeoType: application.aeoType,
        status: 'valid',
        statusSince: now,
        authorisedOn: now,
        validTo,
        reassessmentFlaggedAt: null,
        reassessmentReason: null,
      };
      await manager.update(Application, { id: applicationId }, { status: 'granted' });
      await manager.insert(Authorisation, authorisation);
      await this.record(manager, authorisation, null, reason ?? 'granted', by, correlationId);
      return this.view(manager, authorisation);
    });
  }

  async changeStatus(id: string, action: AuthorisationAction, reason: string, by: Principal, correlationId?: string) {
    return this.dataSource.transaction(async (manager) => {
      const authorisation = await manager.findOne(Authorisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!authorisation) throw new NotFoundException('no such authorisation');
      const problem = transitionProblem(action, authorisation.status, by.roles);
      if (problem) {
        if (problem.includes('roles')) throw new ForbiddenException(problem);
        throw new ConflictException(problem);
      }
      if (AUTHORISATION_TRANSITIONS[action].reasonRequired && !reason.trim()) throw new BadRequestException('reason is required');
      const from = authorisation.status;
      authorisation.status = AUTHORISATION_TRANSITIONS[action].to;
      authorisation.statusSince = this.clock.now();
      await manager.update(Authorisation, { id }, { status: authorisation.status, statusSince: authorisation.statusSince });
      await this.record(manager, authorisation, from, reason, by, correlationId);
      return this.view(manager, authorisation);
    });
  }

  async getAuthorisation(id: string, by: Principal) {
    const manager = this.dataSource.manager;
    const authorisation = await manager.findOneBy(Authorisation, { id });
    if (!authorisation) throw new NotFoundException('no such authorisation');
    if (!this.isStaff(by)) {
      const operator = await manager.findOneBy(KnownOperator, { operatorId: authorisation.operatorId });
      if (operator?.registeredBy !== by.subject) throw new ForbiddenException('this authorisation is not yours');
    }
    return this.view(manager, authorisation);
  }

  private isStaff(by: Principal): boolean {
    return by.roles.some((r) => (STAFF as readonly string[]).includes(r));
  }

  private async view(manager: EntityManager, authorisation: Authorisation) {
    const history = await manager.find(AuthorisationTransition, {
      where: { authorisationId: authorisation.id },
      order: { at: 'ASC' },
    });
    return {
      ...authorisation,
      history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, actor: h.actor, reason: h.reason, at: h.at })),
    };
  }

  /** Every transition is kept, and told to the other services through the outbox. */
  private async record(
    manager: EntityManager,
    authorisation: Authorisation,
    from: AuthorisationStatus | null,
    reason: string,
    by: Principal,
    correlationId?: string,
  ): Promise<void> {
    const at = authorisation.statusSince;
    await manager.insert(AuthorisationTransition, {
      id: randomUUID(),
      authorisationId: authorisation.id,
      fromStatus: from,
      toStatus: authorisation.status,
      actor: by.subject,
      reason,
      at,
    });
    await this.outbox.append(manager, Events.authorisationStatusChanged, {
      aggregateId: authorisation.id,
      correlationId,
      occurredAt: at,
      message: create(AuthorisationStatusChangedSchema, {
        authorisationId: authorisation.id,
        operatorId: authorisation.operatorId,
        certificateNumber: authorisation.certificateNumber,
        aeoType: AEO_TYPE[authorisation.aeoType],
        status: AEO_STATUS[authorisation.status],
        statusSince: timestampFromDate(at),
        authorisedOn: timestampFromDate(authorisation.authorisedOn),
        validTo: timestampFromDate(authorisation.validTo),
        reason,
        decidedBy: by.subject,
      }),
    });
  }
}
