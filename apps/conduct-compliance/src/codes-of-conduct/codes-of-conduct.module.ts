import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { CodesOfConductController } from './codes-of-conduct.controller';
import { CodesOfConductService } from './codes-of-conduct.service';

/** An AEO's code of conduct, its versions and their review by customs. */
@Module({
  imports: [ComplianceModule],
  controllers: [CodesOfConductController],
  providers: [CodesOfConductService],
})
export class CodesOfConductModule {}
