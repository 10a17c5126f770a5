import { Module } from '@nestjs/common';
import { RepresentativesModule } from '../representatives/representatives.module';
import { OperatorsController } from './operators.controller';
import { OperatorsService } from './operators.service';

/** Operators: registration, identifiers, company details, notified changes and consents. */
@Module({
  imports: [RepresentativesModule],
  controllers: [OperatorsController],
  providers: [OperatorsService],
  exports: [OperatorsService],
})
export class OperatorsModule {}
