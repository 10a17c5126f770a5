import { IMPORT_FILE_LIMIT, IMPORT_MEDIA_TYPES } from '@aeo/platform';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { WorkflowModule } from '../workflow/workflow.module';
import { AuthorisationImportsService } from './authorisation-imports.service';
import { AuthorisationImportsController } from './imports.controller';

/** Bulk import of authorisations granted before this registry. */
@Module({
  imports: [WorkflowModule],
  controllers: [AuthorisationImportsController],
  providers: [AuthorisationImportsService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(text({ type: IMPORT_MEDIA_TYPES, limit: IMPORT_FILE_LIMIT })).forRoutes({ path: 'imports/authorisations', method: RequestMethod.POST });
  }
}
