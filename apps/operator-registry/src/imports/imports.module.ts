import { IMPORT_FILE_LIMIT, IMPORT_MEDIA_TYPES } from '@aeo/platform';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { OperatorsModule } from '../operators/operators.module';
import { OperatorImportsController } from './imports.controller';
import { OperatorImportsService } from './operator-imports.service';

/** Bulk import of operators from an existing register. */
@Module({
  imports: [OperatorsModule],
  controllers: [OperatorImportsController],
  providers: [OperatorImportsService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(text({ type: IMPORT_MEDIA_TYPES, limit: IMPORT_FILE_LIMIT })).forRoutes({ path: 'imports/operators', method: RequestMethod.POST });
  }
}
