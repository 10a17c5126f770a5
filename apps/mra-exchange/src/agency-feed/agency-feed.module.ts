import { Module } from '@nestjs/common';
import { AgencyFeed } from './agency-feed';
import { AgencyFeedController } from './agency-feed.controller';

/** Other agencies of this administration: a feed of its published AEOs' status changes (HTTP cursor and Kafka topic). */
@Module({
  controllers: [AgencyFeedController],
  providers: [AgencyFeed],
  exports: [AgencyFeed],
})
export class AgencyFeedModule {}
