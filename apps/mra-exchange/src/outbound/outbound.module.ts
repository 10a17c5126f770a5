import { Module } from '@nestjs/common';
import { LogModule } from '../log/log.module';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { SigningModule } from '../signing/signing.module';
import { AgencyFeedModule } from '../agency-feed/agency-feed.module';
import { ExchangeRequestsHandler } from './exchange-requests.handler';
import { HolderEventsHandler } from './holder-events.handler';
import { RecordPublisher } from './record-publisher';

/**
 * What this administration sends partners: signed records of its AEOs as their status changes
 * (from this registry's own events), and the records a partner's request asks for again.
 */
@Module({
  imports: [SigningModule, ArrangementCacheModule, LogModule, AgencyFeedModule],
  controllers: [HolderEventsHandler, ExchangeRequestsHandler],
  providers: [RecordPublisher],
  exports: [RecordPublisher],
})
export class OutboundModule {}
