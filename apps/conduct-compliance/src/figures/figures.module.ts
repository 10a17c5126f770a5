import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { FiguresController } from './figures.controller';
import { FiguresService } from './figures.service';

/** Programme figures. */
@Module({
  imports: [ComplianceModule],
  controllers: [FiguresController],
  providers: [FiguresService],
})
export class FiguresModule {}
