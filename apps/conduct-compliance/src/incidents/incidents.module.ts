import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Integrity and insider incidents, and their review by customs. */
@Module({
  imports: [ComplianceModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
})
export class IncidentsModule {}
