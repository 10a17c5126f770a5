import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ArrangementCache } from './arrangements/arrangement-cache';
import { ArrangementsController } from './arrangements/arrangements.controller';
import { ArrangementsService } from './arrangements/arrangements.service';
import { MraExchangeConfig } from './config/mra-exchange.config';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { ThrottlerModule } from '@nestjs/throttler';
import { MRA_EXCHANGE_DATABASE } from './database';
import { PartnerRecordsHandler } from './inbound/partner-records.handler';
import { ExchangeRequester } from './exchange/exchange-requester';
import { ExchangeRequestsHandler } from './outbound/exchange-requests.handler';
import { HolderEventsHandler } from './outbound/holder-events.handler';
import { RecordPublisher } from './outbound/record-publisher';
import { ExchangeSigner } from './signing/exchange-signer';
import { RecognitionController } from './recognition/recognition.controller';
import { RecognitionService } from './recognition/recognition.service';

export const SERVICE_NAME = 'mra-exchange';

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
          issuers: (c) => (c as MraExchangeConfig).partnerIssuers,
        }),
        ThrottlerModule.forRoot([{ name: 'directory', ttl: 60_000, limit: config.DIRECTORY_RATE_LIMIT }]),
      ],
      controllers: [
        HealthController,
        ArrangementsController,
        RecognitionController,
        HolderEventsHandler,
        PartnerRecordsHandler,
        ExchangeRequestsHandler,
        DirectoryController,
      ],
      providers: [
        ArrangementsService,
        ArrangementCache,
        RecordPublisher,
        ExchangeSigner,
        RecognitionService,
        DirectoryService,
        ExchangeRequester,
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
