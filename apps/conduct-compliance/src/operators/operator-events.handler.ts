import { Events, OperatorRegistered } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent } from '@aeo/messaging';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsDefined, IsNotEmpty, IsString, IsUUID } from 'class-validator';
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

  @IsDefined()
  registeredAt: object;
}

/** Operators whose code of conduct, training and incidents this service will hold. */
@Controller()
export class OperatorEventsHandler {
  @EventPattern(...onEvent(Events.operatorRegistered, OperatorRegisteredMessage))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const { operatorId, legalName, registeredBy, registeredAt } = event.message;
    await ctx.manager.upsert(
      KnownOperator,
      { operatorId, legalName, registeredBy, registeredAt: timestampDate(registeredAt!) },
      ['operatorId'],
    );
  }
}
