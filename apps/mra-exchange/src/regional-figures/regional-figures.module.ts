import { Module } from '@nestjs/common';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { SigningModule } from '../signing/signing.module';
import { RegionalFiguresController } from './regional-figures.controller';
import { RegionalFiguresHandler } from './regional-figures.handler';
import { RegionalFiguresService } from './regional-figures.service';

/** Aggregate figures shared among MRA partners, signed; the console shows them side by side. */
@Module({
  imports: [ArrangementCacheModule, SigningModule],
  controllers: [RegionalFiguresController, RegionalFiguresHandler],
  providers: [RegionalFiguresService],
})
export class RegionalFiguresModule {}
