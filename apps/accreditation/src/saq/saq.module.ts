import { Module } from '@nestjs/common';
import { SaqController } from './saq.controller';

/** The SAFE criteria of the self-assessment questionnaire. */
@Module({
  controllers: [SaqController],
})
export class SaqModule {}
