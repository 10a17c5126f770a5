import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { Clock, databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { NotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_DATABASE } from './database';
import { MailModule } from './mail/mail.module';
import { NoticesModule } from './notices/notices.module';
import { OperatorsModule } from './operators/operators.module';
import { RecipientsModule } from './recipients/recipients.module';

export const SERVICE_NAME = 'notifications';

/**
 * The service's root: config, logger, clock and JWT guard (PlatformModule), its data source
 * (ServiceDatabaseModule) and messaging, all three global, then one module per feature.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        PlatformModule.forRoot(config, logger, clock),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...NOTIFICATIONS_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
        OperatorsModule,
        RecipientsModule,
        NoticesModule,
        MailModule,
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          useFactory: (dataSource: DataSource, transport: EventTransport) => [databaseHealthCheck(dataSource), transportHealthCheck(transport)],
          inject: [DataSource, EVENT_TRANSPORT],
        },
      ],
    };
  }
}
