import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

/** Applications for AEO status: filing, the SAQ, the work queue and their steps. */
@Module({
  imports: [WorkflowModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
