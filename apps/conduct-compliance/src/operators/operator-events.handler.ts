import { Events, OperatorChanged, OperatorRegistered, RepresentationChanged } from '@aeo/contracts';
import { InboundEvent, InboxContext, keepRepresentation, onEvent } from '@aeo/messaging';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ComplianceService } from '../compliance/compliance.service';
import { KnownOperator } from './known-operator.entity';

/** Operators whose code of conduct, training, declarations and incidents this service holds. */
@Controller()
export class OperatorEventsHandler {
  constructor(private readonly compliance: ComplianceService) {}

  @EventPattern(...onEvent(Events.operatorRegistered))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy, registeredAt } = event.message;
    const identifiers = event.message.identifiers.map((i) => ({ scheme: i.scheme, value: i.value, issuer: i.issuer }));
    await ctx.manager.upsert(
      KnownOperator,
      { operatorId, legalName, registeredBy, registeredAt: timestampDate(registeredAt!), identifiers },
      ['operatorId'],
    );
    // Its first status (no code yet: a grant is blocked by default), so accreditation knows where it stands.
    await this.compliance.recompute(ctx.manager, operatorId, event.envelope.correlationId);
  }

  /** A mandate given or revoked: the representative may act within it from now on (operators/access.ts). */
  @EventPattern(...onEvent(Events.representationChanged))
  async onRepresentationChanged(@Payload() event: InboundEvent<RepresentationChanged>, @Ctx() ctx: InboxContext) {
    await keepRepresentation(ctx.manager, event.message);
  }

  /** A hand-over: the operator's file is kept by its new holder from now on. */
  @EventPattern(...onEvent(Events.operatorChanged))
  async onOperatorChanged(@Payload() event: InboundEvent<OperatorChanged>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    if (m.changed.includes('holder') && m.holder) await ctx.manager.update(KnownOperator, { operatorId: m.operatorId }, { registeredBy: m.holder });
  }
}
