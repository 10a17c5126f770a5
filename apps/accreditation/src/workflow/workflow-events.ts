import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AeoStatus,
  AeoType,
  ApplicationStageChangedSchema,
  ApplicationSubmittedSchema,
  AuthorisationStatusChangedSchema,
  Events,
  APPLICATION_STAGE_WIRE,
  SIZE_CLASS_WIRE,
} from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Application } from '../applications/application.entity';
import type { Authorisation } from '../authorisations/authorisation.entity';
import type { ApplicationAction } from './application-lifecycle';
import { AuthorisationAction, partnerStatus, PartnerStatus } from './authorisation-lifecycle';

const AEO_TYPE = { C: AeoType.C, S: AeoType.S, F: AeoType.F } as const;
const AEO_STATUS: Record<PartnerStatus, AeoStatus> = {
  valid: AeoStatus.VALID,
  suspended: AeoStatus.SUSPENDED,
  revoked: AeoStatus.REVOKED,
  withdrawn: AeoStatus.WITHDRAWN,
  expired: AeoStatus.EXPIRED,
};

/** The date by which the trader must act after a step to `stage`: answer the hearing, or appeal. */
function respondBy(application: Application, stage: string) {
  const due = stage === 'hearing' ? application.hearingDue : stage === 'rejected' ? application.appealDue : null;
  return due ? timestampFromDate(due) : undefined;
}

/** A step as the events tell it. */
export interface Step<A extends string> {
  action: A;
  from: string;
  to: string;
  by: { subject: string };
  reason?: string;
  at: Date;
}

/**
 * The events a step of the life cycle tells the other services, appended to the outbox in the
 * step's transaction (the caller's manager): every application step (an assignment too), a submission, and every
 * change of what partners see of an authorisation (status, type, validity).
 */
@Injectable()
export class WorkflowEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  /** An application step: ApplicationStageChanged, and ApplicationSubmitted for a submission. */
  async applicationStep(manager: EntityManager, application: Application, step: Step<ApplicationAction | 'assign'>, correlationId?: string) {
    await this.outbox.append(manager, Events.applicationStageChanged, {
      aggregateId: application.id,
      correlationId,
      occurredAt: step.at,
      message: create(ApplicationStageChangedSchema, {
        applicationId: application.id,
        operatorId: application.operatorId,
        aeoType: AEO_TYPE[application.aeoType],
        action: step.action,
        fromStage: step.from,
        toStage: step.to,
        from: APPLICATION_STAGE_WIRE.toWire(step.from),
        to: APPLICATION_STAGE_WIRE.toWire(step.to),
        actor: step.by.subject,
        reason: step.reason ?? '',
        at: timestampFromDate(step.at),
        sizeClass: application.sizeClass ?? '',
        size: SIZE_CLASS_WIRE.toWire(application.sizeClass),
        decisionDue: application.decisionDue ? timestampFromDate(application.decisionDue) : undefined,
        assignee: application.assignee ?? '',
        respondBy: respondBy(application, step.to),
      }),
    });
    if (step.action === 'submit') {
      await this.outbox.append(manager, Events.applicationSubmitted, {
        aggregateId: application.id,
        correlationId,
        occurredAt: step.at,
        message: create(ApplicationSubmittedSchema, {
          applicationId: application.id,
          operatorId: application.operatorId,
          aeoType: AEO_TYPE[application.aeoType],
          submittedAt: timestampFromDate(step.at),
        }),
      });
    }
  }

  /**
   * An authorisation step, from the case before and after it: AuthorisationStatusChanged when
   * what partners see changed (a hearing alone changes nothing), the type did, or the validity.
   */
  async authorisationStep(manager: EntityManager, before: Authorisation, next: Authorisation, step: Pick<Step<AuthorisationAction>, 'action' | 'by' | 'reason'>, correlationId?: string) {
    if (partnerStatus(next) !== partnerStatus(before) || next.aeoType !== before.aeoType || next.validTo.getTime() !== before.validTo.getTime()) {
      await this.authorisationStatus(manager, next, step.reason ?? step.action.replace(/_/g, ' '), step.by.subject, correlationId);
    }
  }

  /** The status partners and the other services see (e.g. of a new authorisation), told through the outbox. */
  async authorisationStatus(manager: EntityManager, a: Authorisation, reason: string, decidedBy: string, correlationId?: string) {
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
