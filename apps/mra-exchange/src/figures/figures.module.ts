import { Module } from '@nestjs/common';
import { ExchangeFiguresController } from './figures.controller';
import { ExchangeFiguresService } from './figures.service';

/** The exchange's figures for the supervisors' dashboard. */
@Module({
  controllers: [ExchangeFiguresController],
  providers: [ExchangeFiguresService],
})
export class ExchangeFiguresModule {}
