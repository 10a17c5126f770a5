import { Events, OperatorRegistered } from '@aeo/contracts';
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

@Controller()
export class OperatorEventsHandler {
  @EventPattern(...onEvent(Events.operatorRegistered, OperatorRegisteredMessage))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy } = event.message;
    await ctx.manager.upsert(KnownOperator, { operatorId, legalName, registeredBy }, ['operatorId']);
  }
}
