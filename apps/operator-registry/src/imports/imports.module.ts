import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OperatorImportsController } from './imports.controller';
import { OperatorImportsService } from './operator-imports.service';

/** Bulk import of operators from an existing register. */
@Module({
  imports: [OperatorsModule],
  controllers: [OperatorImportsController],
  providers: [OperatorImportsService],
})
export class ImportsModule {}
