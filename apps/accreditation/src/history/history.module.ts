import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

/** Verification of the hash-chained history. */
@Module({
  controllers: [HistoryController],
  providers: [HistoryService],
})
export class HistoryModule {}
