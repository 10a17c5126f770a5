import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AuthorisationsController } from './authorisations.controller';
import { AuthorisationsService } from './authorisations.service';

/** Authorisations granted, their steps, and an operator's history. */
@Module({
  imports: [WorkflowModule, ApplicationsModule],
  controllers: [AuthorisationsController],
  providers: [AuthorisationsService],
})
export class AuthorisationsModule {}
