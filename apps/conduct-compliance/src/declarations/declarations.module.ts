import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsService } from './declarations.service';

/** An AEO's declarations of compliance with its accepted code of conduct. */
@Module({
  imports: [ComplianceModule],
  controllers: [DeclarationsController],
  providers: [DeclarationsService],
})
export class DeclarationsModule {}
