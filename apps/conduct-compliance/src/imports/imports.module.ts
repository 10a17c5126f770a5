import { IMPORT_FILE_LIMIT, IMPORT_MEDIA_TYPES } from '@aeo/platform';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { ComplianceModule } from '../compliance/compliance.module';
import { PersonnelImportsController } from './imports.controller';
import { PersonnelImportsService } from './personnel-imports.service';

/** Bulk import of AEOs' personnel registers. */
@Module({
  imports: [ComplianceModule],
  controllers: [PersonnelImportsController],
  providers: [PersonnelImportsService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(text({ type: IMPORT_MEDIA_TYPES, limit: IMPORT_FILE_LIMIT })).forRoutes({ path: 'imports/personnel', method: RequestMethod.POST });
  }
}
