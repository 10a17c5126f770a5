import { Module } from '@nestjs/common';
import { HeldEvents } from './held-events';
import { OperatorEventsHandler } from './operator-events.handler';

/** Operators as the operator registry announces them, and the events held until they are known. */
@Module({
  controllers: [OperatorEventsHandler],
  providers: [HeldEvents],
})
export class OperatorsModule {}
