import { Module } from '@nestjs/common';
import { ComplianceScheduler } from './compliance-scheduler';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';

/**
 * An operator's compliance status, derived from its codes, personnel, declarations and incidents,
 * and the scheduler that re-derives it as time passes. ComplianceService is exported: every other
 * feature tells it when something it derives from has changed.
 */
@Module({
  controllers: [ComplianceController],
  providers: [ComplianceService, ComplianceScheduler],
  exports: [ComplianceService],
})
export class ComplianceModule {}
