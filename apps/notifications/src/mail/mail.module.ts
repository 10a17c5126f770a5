import { Module } from '@nestjs/common';
import { BounceReceiver } from './bounce-receiver';
import { MailDispatcher } from './mail-dispatcher';

/** E-mail: sending the notices over SMTP, and receiving their bounces. */
@Module({
  providers: [MailDispatcher, BounceReceiver],
  exports: [MailDispatcher, BounceReceiver],
})
export class MailModule {}
