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
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApplicationsModule } from './applications/applications.module';
import { AuthorisationsModule } from './authorisations/authorisations.module';
import { AccreditationConfig } from './config/accreditation.config';
import { ACCREDITATION_DATABASE } from './database';
import { CredentialsModule } from './credentials/credentials.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FiguresModule } from './figures/figures.module';
import { HistoryModule } from './history/history.module';
import { ImportsModule } from './imports/imports.module';
import { OperatorsModule } from './operators/operators.module';
import { SaqModule } from './saq/saq.module';

export const SERVICE_NAME = 'accreditation';

/**
 * The service's root: config, logger, clock and JWT guard (PlatformModule), its data source
 * (ServiceDatabaseModule) and messaging, all three global, then one module per feature.
 * Features are imported in the order their routes were registered before the split.
 */
@Module({})
export class AccreditationModule {
  static forRoot(config: AccreditationConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: AccreditationModule,
      imports: [
        PlatformModule.forRoot(config, logger, clock),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...ACCREDITATION_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
        ApplicationsModule,
        EvidenceModule,
        AuthorisationsModule,
        SaqModule.forRoot(config.SAQ_FILE),
        FiguresModule,
        HistoryModule,
        ImportsModule,
        OperatorsModule,
        DeadlinesModule,
        CredentialsModule,
      ],
      controllers: [HealthController],
      providers: [
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
