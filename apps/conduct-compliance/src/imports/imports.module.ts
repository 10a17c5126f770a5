import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { PersonnelImportsController } from './imports.controller';
import { PersonnelImportsService } from './personnel-imports.service';

/** Bulk import of AEOs' personnel registers. */
@Module({
  imports: [ComplianceModule],
  controllers: [PersonnelImportsController],
  providers: [PersonnelImportsService],
})
export class ImportsModule {}
