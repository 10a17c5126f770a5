import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { DeadlineScheduler } from './deadline-scheduler';

/** The clocks of the life cycles: deadline notices, reminders and expiry. */
@Module({
  imports: [WorkflowModule],
  providers: [DeadlineScheduler],
})
export class DeadlinesModule {}
