import { Module } from '@nestjs/common';
import { RecipientsModule } from '../recipients/recipients.module';
import { NoticeEventsHandler } from './notice-events.handler';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';

/** Notices: made from the events, read in the inbox; staff see their e-mails' problems. */
@Module({
  imports: [RecipientsModule],
  controllers: [NoticesController, NoticeEventsHandler],
  providers: [NoticesService],
})
export class NoticesModule {}
