import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { OperatorEventsHandler } from './operator-events.handler';

/** What accreditation learns of operators: the operator registry's and conduct compliance's events. */
@Module({
  imports: [WorkflowModule],
  controllers: [OperatorEventsHandler],
})
export class OperatorsModule {}
