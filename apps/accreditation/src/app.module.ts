import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApplicationsController } from './applications/applications.controller';
import { AccreditationService } from './authorisations/accreditation.service';
import { AuthorisationsController } from './authorisations/authorisations.controller';
import { AccreditationConfig } from './config/accreditation.config';
import { ACCREDITATION_DATABASE } from './database';
import { OperatorEventsHandler } from './operators/operator-events.handler';

export const SERVICE_NAME = 'accreditation';

@Module({})
export class AccreditationModule {
  static forRoot(config: AccreditationConfig, logger: Logger): DynamicModule {
    return {
      module: AccreditationModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...ACCREDITATION_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
      ],
      controllers: [HealthController, ApplicationsController, AuthorisationsController, OperatorEventsHandler],
      providers: [
        AccreditationService,
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
