import {
  AEO_STATUS_WIRE,
  APPLICATION_STAGE_WIRE,
  AeoType,
  ApplicationStageChanged,
  AuthorisationStatusChanged,
  COMPLIANCE_STATE_WIRE,
  ComplianceStatusChanged,
  DeadlineNotice,
  Events,
} from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent } from '@aeo/messaging';
import { SERVICE_LOGGER } from '@aeo/platform';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { operatorHoldKey } from '../operators/held-events';
import { KnownAuthorisation } from '../operators/known-authorisation.entity';
import { KnownOperator } from '../operators/known-operator.entity';
import { applicationStepNotices, authorisationNotices, complianceNotices, deadlineNotices, knownStep } from './notice-rules';
import { NoticesService } from './notices.service';

const date = (t: Parameters<typeof timestampDate>[0] | undefined) => (t ? timestampDate(t) : null);
const typeOf = (t: AeoType) => (t ? AeoType[t] : '');
/** The event a notice comes from: its id (one notice per event, person and kind) and when it happened. */
const sourceOf = (event: InboundEvent<unknown>) => ({ messageId: event.envelope.messageId, occurredAt: date(event.envelope.occurredAt) ?? new Date() });

/**
 * The events people must hear of, turned into notices by the notice rules. An event about an
 * operator not known here yet is held until its registration arrives.
 */
@Controller()
export class NoticeEventsHandler {
  constructor(
    private readonly notices: NoticesService,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether the operator is known; if not, the event is held for it. */
  private async known(ctx: InboxContext, event: InboundEvent<{ operatorId: string }>): Promise<KnownOperator | null> {
    const operator = await ctx.manager.findOneBy(KnownOperator, { operatorId: event.message.operatorId });
    if (!operator) await ctx.hold([event], `operator ${event.message.operatorId} is not known here yet`, operatorHoldKey(event.message.operatorId));
    return operator;
  }

  @EventPattern(...onEvent(Events.applicationStageChanged))
  async onApplicationStep(@Payload() event: InboundEvent<ApplicationStageChanged>, @Ctx() ctx: InboxContext) {
    if (!(await this.known(ctx, event))) return;
    const m = event.message;
    if (!knownStep(m.action)) this.logger.warn({ action: m.action }, 'an application step this service does not know: no notice');
    const drafts = applicationStepNotices({
      applicationId: m.applicationId,
      operatorId: m.operatorId,
      aeoType: typeOf(m.aeoType),
      action: m.action,
      to: APPLICATION_STAGE_WIRE.fromWire(m.to) ?? m.toStage,
      reason: m.reason,
      decisionDue: date(m.decisionDue),
      respondBy: date(m.respondBy),
    });
    await this.notices.record(ctx.manager, drafts, sourceOf(event), { assignee: m.assignee || null, actor: m.actor || null });
  }

  @EventPattern(...onEvent(Events.deadlineNotice))
  async onDeadline(@Payload() event: InboundEvent<DeadlineNotice>, @Ctx() ctx: InboxContext) {
    if (!(await this.known(ctx, event))) return;
    const m = event.message;
    if (m.subjectType !== 'application' && m.subjectType !== 'authorisation') return;
    const drafts = deadlineNotices({ subjectType: m.subjectType, subjectId: m.subjectId, operatorId: m.operatorId, deadline: m.deadline, notice: m.notice, due: date(m.due) ?? new Date(0) });
    await this.notices.record(ctx.manager, drafts, sourceOf(event), { assignee: m.assignee || null, actor: null });
  }

  @EventPattern(...onEvent(Events.authorisationStatusChanged))
  async onAuthorisationStatus(@Payload() event: InboundEvent<AuthorisationStatusChanged>, @Ctx() ctx: InboxContext) {
    if (!(await this.known(ctx, event))) return;
    const m = event.message;
    const now = {
      authorisationId: m.authorisationId,
      operatorId: m.operatorId,
      certificateNumber: m.certificateNumber,
      status: AEO_STATUS_WIRE.fromWire(m.status) ?? '',
      aeoType: typeOf(m.aeoType),
      validTo: timestampDate(m.validTo!),
      reason: m.reason,
    };
    const statusSince = timestampDate(m.statusSince!);
    const before = await ctx.manager.findOneBy(KnownAuthorisation, { authorisationId: m.authorisationId });
    // An older change arriving late is not told again.
    if (before && before.statusSince > statusSince) return;
    await ctx.manager.upsert(
      KnownAuthorisation,
      { authorisationId: now.authorisationId, operatorId: now.operatorId, status: now.status, aeoType: now.aeoType, validTo: now.validTo, statusSince },
      ['authorisationId'],
    );
    await this.notices.record(ctx.manager, authorisationNotices(before, now), sourceOf(event), { assignee: null, actor: m.decidedBy || null });
  }

  @EventPattern(...onEvent(Events.complianceStatusChanged))
  async onComplianceStatus(@Payload() event: InboundEvent<ComplianceStatusChanged>, @Ctx() ctx: InboxContext) {
    const operator = await this.known(ctx, event);
    if (!operator) return;
    const m = event.message;
    if (m.version > 0n && operator.complianceVersion !== null && BigInt(operator.complianceVersion) >= m.version) return; // older or the same, late
    const state = COMPLIANCE_STATE_WIRE.fromWire(m.state) ?? m.status;
    const drafts = complianceNotices(
      { state: operator.complianceState, suspensionIncident: operator.suspensionIncident },
      { operatorId: m.operatorId, state, grantBlockedBecause: m.grantBlockedBecause, warnings: m.warnings, suspensionProposed: m.suspensionProposed, suspensionGrounds: m.suspensionGrounds, incidentId: m.incidentId, reasons: m.reasons },
    );
    await ctx.manager.update(
      KnownOperator,
      { operatorId: m.operatorId },
      { complianceState: state, complianceVersion: String(m.version), suspensionIncident: m.suspensionProposed ? m.incidentId || null : operator.suspensionIncident },
    );
    await this.notices.record(ctx.manager, drafts, sourceOf(event), { assignee: null, actor: null });
  }
}
