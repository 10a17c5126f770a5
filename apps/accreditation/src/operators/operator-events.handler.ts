import {
  COMPLIANCE_STATE_WIRE,
  ComplianceStatusChanged,
  Events,
  OperatorChanged,
  OperatorRegistered,
  RepresentationChanged,
  sizeClassOfEvent,
} from '@aeo/contracts';
import { inForceSql } from '../workflow/state-machine';
import { InboundEvent, InboxContext, keepRepresentation, onEvent } from '@aeo/messaging';
import { Clock, updateReturning } from '@aeo/platform';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { appendHistory } from '../history/history-chain';
import { AuthorisationWorkflow } from '../workflow/authorisation-workflow';
import { SYSTEM_ACTOR } from '../workflow/engine';
import { KnownOperator } from './known-operator.entity';

/** The size class an operator event carries: the enum, or the word a producer of before sent. */

@Controller()
export class OperatorEventsHandler {
  constructor(
    private readonly clock: Clock,
    private readonly workflow: AuthorisationWorkflow,
  ) {}

  @EventPattern(...onEvent(Events.operatorRegistered))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy } = event.message;
    const identifiers = event.message.identifiers.map((i) => ({ scheme: i.scheme, value: i.value, issuer: i.issuer }));
    await ctx.manager.upsert(KnownOperator, { operatorId, legalName, registeredBy, sizeClass: sizeClassOfEvent(event.message), identifiers }, ['operatorId']);
  }

  /** A mandate given or revoked: the representative may act within it from now on (workflow/access.ts). */
  @EventPattern(...onEvent(Events.representationChanged))
  async onRepresentationChanged(@Payload() event: InboundEvent<RepresentationChanged>, @Ctx() ctx: InboxContext) {
    await keepRepresentation(ctx.manager, event.message);
  }

  /** A significant change the holder notified flags its authorisations in force for reassessment. */
  @EventPattern(...onEvent(Events.operatorChanged))
  async onOperatorChanged(@Payload() event: InboundEvent<OperatorChanged>, @Ctx() ctx: InboxContext) {
    const { operatorId, significant, changed, changedAt, legalName } = event.message;
    const sizeClass = sizeClassOfEvent(event.message);
    const holder = changed.includes('holder') && event.message.holder ? { registeredBy: event.message.holder } : {};
    await ctx.manager.update(KnownOperator, { operatorId }, { ...(legalName ? { legalName } : {}), sizeClass, ...holder });
    // Drafts the trader can still edit follow the size class: it opens (or closes) the MSME route.
    await ctx.manager.query(
      `UPDATE application SET size_class = $2 WHERE operator_id = $1 AND stage IN ('draft', 'returned')`,
      [operatorId, sizeClass],
    );
    if (!significant) return;
    const reason = `the holder notified a significant change: ${changed.join(', ')}`;
    const at = changedAt ? timestampDate(changedAt) : this.clock.now();
    const flagged = await updateReturning<{ id: string; status: string; application_id: string }>(
      ctx.manager,
      `UPDATE authorisation SET reassessment_flagged_at = $2, reassessment_reason = $3
       WHERE operator_id = $1 AND ${inForceSql()} RETURNING id, status, application_id`,
      [operatorId, at, reason],
    );
    for (const a of flagged) {
      await appendHistory(ctx.manager, {
        operatorId,
        applicationId: a.application_id,
        authorisationId: a.id,
        action: 'flag_reassessment',
        fromState: a.status,
        toState: a.status,
        by: { subject: 'operator-registry', roles: ['system'] },
        reason: `reassessment flagged: ${reason}`,
        at,
        details: { changed },
      });
    }
  }

  /**
   * The compliance status conduct-compliance derives: kept for the grant rule; a proposed
   * suspension opens the hearing on each authorisation of the operator in force.
   */
  @EventPattern(...onEvent(Events.complianceStatusChanged))
  async onComplianceStatus(@Payload() event: InboundEvent<ComplianceStatusChanged>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    const version = Number(m.version);
    const stored = await updateReturning<{ operator_id: string }>(
      ctx.manager,
      `INSERT INTO operator_compliance (operator_id, status, grant_blocked_because, warnings, version, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (operator_id) DO UPDATE SET status = EXCLUDED.status, grant_blocked_because = EXCLUDED.grant_blocked_because,
         warnings = EXCLUDED.warnings, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
       WHERE operator_compliance.version < EXCLUDED.version
       RETURNING operator_id`,
      [m.operatorId, COMPLIANCE_STATE_WIRE.fromWire(m.state) ?? m.status, m.grantBlockedBecause, m.warnings, version, m.changedAt ? timestampDate(m.changedAt) : this.clock.now()],
    );
    if (stored.length === 0 || !m.suspensionProposed) return; // older than what we hold, or nothing to open
    const inForce: { id: string; status: string; application_id: string }[] = await ctx.manager.query(
      `SELECT id, status, application_id FROM authorisation WHERE operator_id = $1 AND ${inForceSql()} ORDER BY authorised_on`,
      [m.operatorId],
    );
    const grounds = `conduct-compliance proposes a suspension: ${m.suspensionGrounds || 'see the incident'}`;
    const details = { source: 'conduct-compliance', incidentId: m.incidentId || undefined, complianceVersion: version };
    for (const { id, status, application_id } of inForce) {
      if (status !== 'valid') {
        // Already in a hearing or suspended: the proposal goes on record for the officers, nothing opens.
        await appendHistory(ctx.manager, {
          operatorId: m.operatorId,
          applicationId: application_id,
          authorisationId: id,
          action: 'note_suspension_proposal',
          fromState: status,
          toState: status,
          by: { subject: 'system', roles: ['system'] },
          reason: grounds,
          at: this.clock.now(),
          details,
        });
        continue;
      }
      await this.workflow.actIn(ctx.manager, id, 'propose_suspension', { reason: grounds }, SYSTEM_ACTOR, { correlationId: event.envelope.correlationId, details });
    }
  }
}
