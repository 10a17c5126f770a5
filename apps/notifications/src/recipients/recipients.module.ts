import { Module } from '@nestjs/common';
import { PreferencesController } from './preferences.controller';
import { RecipientsService } from './recipients.service';

/** The people notices are for and their preferences. */
@Module({
  controllers: [PreferencesController],
  providers: [RecipientsService],
  exports: [RecipientsService],
})
export class RecipientsModule {}
