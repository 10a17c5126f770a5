import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { SupplierChecksModule } from './supplier-checks/supplier-checks.module';
import { AgencyFeedModule } from './agency-feed/agency-feed.module';
import { RegionalFiguresModule } from './regional-figures/regional-figures.module';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ArrangementsModule } from './arrangements/arrangements.module';
import { MraExchangeConfig } from './config/mra-exchange.config';
import { MRA_EXCHANGE_DATABASE } from './database';
import { DirectoryModule } from './directory/directory.module';
import { ExchangeFiguresModule } from './figures/figures.module';
import { InboundModule } from './inbound/inbound.module';
import { OutboundModule } from './outbound/outbound.module';
import { PartnerFeedModule } from './partner-feed/partner-feed.module';
import { RecognitionModule } from './recognition/recognition.module';

export const SERVICE_NAME = 'mra-exchange';

/**
 * The service's root: config, logger, clock and JWT guard (PlatformModule), its data source
 * (ServiceDatabaseModule), messaging (reading the partners' federation topics) and the directory's
 * rate limit (ThrottlerModule), all global, then one module per feature.
 */
@Module({})
export class MraExchangeModule {
  static forRoot(config: MraExchangeConfig, logger: Logger): DynamicModule {
    return {
      module: MraExchangeModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...MRA_EXCHANGE_DATABASE }),
        MessagingModule.forRoot({
          service: SERVICE_NAME,
          partners: (c) => (c as MraExchangeConfig).partners,
        }),
        ThrottlerModule.forRoot([{ name: 'directory', ttl: 60_000, limit: config.DIRECTORY_RATE_LIMIT }]),
        ArrangementsModule,
        RecognitionModule,
        OutboundModule,
        InboundModule,
        DirectoryModule,
        SupplierChecksModule,
        AgencyFeedModule,
        RegionalFiguresModule,
        ExchangeFiguresModule,
        PartnerFeedModule,
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
