import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OperatorRegistryConfig } from './config/operator-registry.config';
import { OPERATOR_REGISTRY_DATABASE } from './database';
import { ImportsModule } from './imports/imports.module';
import { OperatorsModule } from './operators/operators.module';

export const SERVICE_NAME = 'operator-registry';

/**
 * The service's root: config, logger, clock and JWT guard (PlatformModule), its data source
 * (ServiceDatabaseModule) and messaging, all three global, then its feature module.
 */
@Module({})
export class OperatorRegistryModule {
  static forRoot(config: OperatorRegistryConfig, logger: Logger): DynamicModule {
    return {
      module: OperatorRegistryModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...OPERATOR_REGISTRY_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
        OperatorsModule,
        ImportsModule,
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
