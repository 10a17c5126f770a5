import { Module } from '@nestjs/common';
import { ExchangeModule } from '../exchange/exchange.module';
import { OutboundModule } from '../outbound/outbound.module';
import { SigningModule } from '../signing/signing.module';
import { ArrangementCacheModule } from './arrangement-cache.module';
import { ArrangementsController } from './arrangements.controller';
import { ArrangementsService } from './arrangements.service';

/** Mutual Recognition Arrangements: agreed, confirmed, opened (records sent, partners asked), keys rotated. */
@Module({
  imports: [ArrangementCacheModule, SigningModule, ExchangeModule, OutboundModule],
  controllers: [ArrangementsController],
  providers: [ArrangementsService],
})
export class ArrangementsModule {}
