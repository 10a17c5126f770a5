import { Module } from '@nestjs/common';
import { LogModule } from '../log/log.module';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { PartnerRecordsHandler } from './partner-records.handler';

/** The signed records partners send: verified, kept, and their gaps asked for again. */
@Module({
  imports: [ExchangeModule, ArrangementCacheModule, LogModule],
  controllers: [PartnerRecordsHandler],
})
export class InboundModule {}
