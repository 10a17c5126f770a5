import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { OperatorEventsHandler } from './operator-events.handler';

/** Operators as the operator registry announces them. */
@Module({
  imports: [ComplianceModule],
  controllers: [OperatorEventsHandler],
})
export class OperatorsModule {}
