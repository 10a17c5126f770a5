import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { SigningModule } from '../signing/signing.module';
import { LogModule } from '../log/log.module';
import { PartnerAssertionGuard } from './partner-assertion.guard';
import { PartnerBatchesController, PartnerFeedController } from './partner-feed.controller';
import { PartnerFeedService } from './partner-feed.service';

/** Most bytes of a partner's batch file (a day of records, each a JWS). */
export const BATCH_FILE_LIMIT = '20mb';

/** The exchange over HTTPS with partners outside the federation: the pull feed, batch files out and in. */
@Module({
  imports: [ArrangementCacheModule, SigningModule, LogModule],
  controllers: [PartnerFeedController, PartnerBatchesController],
  providers: [PartnerFeedService, PartnerAssertionGuard],
})
export class PartnerFeedModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    // A batch file is application/jose text, larger than the JSON bodies of the rest of the API.
    consumer.apply(text({ type: 'application/jose', limit: BATCH_FILE_LIMIT })).forRoutes({ path: 'partner-batches', method: RequestMethod.POST });
  }
}
