import { Events, OperatorChanged, OperatorRegistered } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent } from '@aeo/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { HELD_RELEASE } from './held-events';
import { KnownOperator } from './known-operator.entity';

/** The operators notices are about: their names, and the trader who acts for each. */
@Controller()
export class OperatorEventsHandler {
  @EventPattern(...onEvent(Events.operatorRegistered))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy } = event.message;
    await ctx.manager.upsert(KnownOperator, { operatorId, legalName, registeredBy }, ['operatorId']);
    // Events about it that came first are handed to the handlers once this commits.
    ctx.manager.queryRunner!.data = { ...ctx.manager.queryRunner!.data, [HELD_RELEASE]: true };
  }

  @EventPattern(...onEvent(Events.operatorChanged))
  async onOperatorChanged(@Payload() event: InboundEvent<OperatorChanged>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    // A hand-over: notices about the operator go to its new holder.
    const holder = m.changed.includes('holder') && m.holder ? { registeredBy: m.holder } : {};
    await ctx.manager.update(KnownOperator, { operatorId: m.operatorId }, { legalName: m.legalName, ...holder });
  }
}
