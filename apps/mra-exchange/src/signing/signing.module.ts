import { Module } from '@nestjs/common';
import { ExchangeSigner } from './exchange-signer';

/** This administration's signing key: signs the records and requests sent to partners. */
@Module({
  providers: [ExchangeSigner],
  exports: [ExchangeSigner],
})
export class SigningModule {}
