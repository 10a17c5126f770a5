import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { AuthorisationImportsService } from './authorisation-imports.service';
import { AuthorisationImportsController } from './imports.controller';

/** Bulk import of authorisations granted before this registry. */
@Module({
  imports: [WorkflowModule],
  controllers: [AuthorisationImportsController],
  providers: [AuthorisationImportsService],
})
export class ImportsModule {}
