import { Module } from '@nestjs/common';
import { ArrangementCache } from './arrangement-cache';
import { PartnerMessages } from './partner-messages';

/**
 * The one ArrangementCache of the service, in a module of its own: the arrangements module (which
 * clears it on every change) imports the outbound module for its publisher, and the outbound, inbound
 * and recognition modules read the cache, so owning it in the arrangements module would be circular.
 */
@Module({
  providers: [ArrangementCache, PartnerMessages],
  exports: [ArrangementCache, PartnerMessages],
})
export class ArrangementCacheModule {}
