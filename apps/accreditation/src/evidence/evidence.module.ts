import { SERVICE_CONFIG } from '@aeo/platform';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ApplicationsModule } from '../applications/applications.module';
import { AccreditationConfig } from '../config/accreditation.config';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** Evidence files of an application. */
@Module({
  imports: [
    ApplicationsModule,
    // Evidence is read into memory up to the configured limit; a larger file is refused with 413.
    // (The upload interceptor reads these options from the module of EvidenceController: keep them here.)
    MulterModule.registerAsync({
      useFactory: (config: AccreditationConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 10 } }),
      inject: [SERVICE_CONFIG],
    }),
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService],
})
export class EvidenceModule {}
