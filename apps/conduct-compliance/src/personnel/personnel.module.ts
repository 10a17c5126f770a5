import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { PersonnelController } from './personnel.controller';
import { PersonnelService } from './personnel.service';

/** The registers of personnel (an AEO's, and customs' own accreditation staff) and their insider-threat training. */
@Module({
  imports: [ComplianceModule],
  controllers: [PersonnelController],
  providers: [PersonnelService],
})
export class PersonnelModule {}
