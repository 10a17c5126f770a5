import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module';
import { ExchangeRequester } from './exchange-requester';

/** Signed requests to an issuer to send records again (a replay or a snapshot). */
@Module({
  imports: [SigningModule],
  providers: [ExchangeRequester],
  exports: [ExchangeRequester],
})
export class ExchangeModule {}
