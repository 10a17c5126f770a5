import { Events, OperatorChanged, OperatorRegistered } from '@aeo/contracts';
import { Clock, updateReturning } from '@aeo/platform';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { randomUUID } from 'node:crypto';
import { AuthorisationTransition } from '../authorisations/authorisation-transition.entity';
import { InboundEvent, InboxContext, onEvent } from '@aeo/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { KnownOperator } from './known-operator.entity';

class OperatorRegisteredMessage {
  @IsUUID()
  operatorId: string;

  @IsString()
  @IsNotEmpty()
  legalName: string;

  @IsString()
  @IsNotEmpty()
  registeredBy: string;
}

class OperatorChangedMessage {
  @IsUUID()
  operatorId: string;
}

@Controller()
export class OperatorEventsHandler {
  constructor(private readonly clock: Clock) {}

  /** A significant change the holder notified flags its authorisations in force for reassessment. */
  @EventPattern(...onEvent(Events.operatorChanged, OperatorChangedMessage))
  async onOperatorChanged(@Payload() event: InboundEvent<OperatorChanged>, @Ctx() ctx: InboxContext) {
    const { operatorId, significant, changed, changedAt } = event.message;
    if (!significant) return;
    const reason = `the holder notified a significant change: ${changed.join(', ')}`;
    const at = changedAt ? timestampDate(changedAt) : this.clock.now();
    const flagged = await updateReturning<{ id: string; status: string }>(
      ctx.manager,
      `UPDATE authorisation SET reassessment_flagged_at = $2, reassessment_reason = $3
       WHERE operator_id = $1 AND status IN ('valid', 'suspended') RETURNING id, status`,
      [operatorId, at, reason],
    );
    for (const a of flagged) {
      await ctx.manager.insert(AuthorisationTransition, {
        id: randomUUID(),
        authorisationId: a.id,
        fromStatus: a.status,
        toStatus: a.status,
        actor: 'operator-registry',
        reason: `reassessment flagged: ${reason}`,
        at,
      });
    }
  }

  @EventPattern(...onEvent(Events.operatorRegistered, OperatorRegisteredMessage))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy } = event.message;
    await ctx.manager.upsert(KnownOperator, { operatorId, legalName, registeredBy }, ['operatorId']);
  }
}
