import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import {
  Clock,
  databaseHealthCheck,
  HEALTH_CHECKS,
  HealthController,
  PlatformModule,
  ServiceDatabaseModule,
} from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AuthorisationsController } from './authorisations/authorisations.controller';
import { AuthorisationsService } from './authorisations/authorisations.service';
import { CertificateNumbering } from './authorisations/certificates';
import { AccreditationConfig } from './config/accreditation.config';
import { ACCREDITATION_DATABASE } from './database';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceService } from './evidence/evidence.service';
import { FiguresController } from './figures/figures.controller';
import { FiguresService } from './figures/figures.service';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { OperatorEventsHandler } from './operators/operator-events.handler';
import { SaqController } from './saq/saq.controller';
import { ApplicationWorkflow } from './workflow/application-workflow';
import { AuthorisationWorkflow } from './workflow/authorisation-workflow';
import { WorkflowEvents } from './workflow/workflow-events';

export const SERVICE_NAME = 'accreditation';

@Module({})
export class AccreditationModule {
  static forRoot(config: AccreditationConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: AccreditationModule,
      imports: [
        PlatformModule.forRoot(config, logger, clock),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...ACCREDITATION_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
        // Evidence is read into memory up to the configured limit; a larger file is refused with 413.
        MulterModule.register({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 10 } }),
      ],
      controllers: [
        HealthController,
        ApplicationsController,
        EvidenceController,
        AuthorisationsController,
        SaqController,
        FiguresController,
        HistoryController,
        OperatorEventsHandler,
      ],
      providers: [
        WorkflowEvents,
        CertificateNumbering,
        AuthorisationWorkflow,
        ApplicationWorkflow,
        ApplicationsService,
        EvidenceService,
        AuthorisationsService,
        FiguresService,
        HistoryService,
        DeadlineScheduler,
        {
          provide: HEALTH_CHECKS,
          useFactory: (dataSource: DataSource, transport: EventTransport) => [
            databaseHealthCheck(dataSource),
            transportHealthCheck(transport),
          ],
          inject: [DataSource, EVENT_TRANSPORT],
        },
      ],
    };
  }
}
