import { Module } from '@nestjs/common';
import { LogModule } from '../log/log.module';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { RecognitionController } from './recognition.controller';
import { RecognitionCache } from './recognition-cache';
import { RecognitionService } from './recognition.service';

/** The partner's question: is this operator a recognised AEO, today or on that date? */
@Module({
  imports: [ArrangementCacheModule, LogModule],
  controllers: [RecognitionController],
  providers: [RecognitionService, RecognitionCache],
  exports: [RecognitionService],
})
export class RecognitionModule {}
