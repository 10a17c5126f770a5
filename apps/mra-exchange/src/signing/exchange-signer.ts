import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { parsePrivateKey, signBytes } from './record-signature';

/** This administration's signing key (MRA_SIGNING_KEY) and the id partners know it by: signs records and requests. */
@Injectable()
export class ExchangeSigner {
  readonly keyId: string;
  private readonly key: KeyObject;

  constructor(@Inject(SERVICE_CONFIG) config: MraExchangeConfig) {
    this.key = parsePrivateKey(config.MRA_SIGNING_KEY);
    this.keyId = config.signingKeyId;
  }

  sign(bytes: Uint8Array): Buffer {
    return signBytes(bytes, this.key);
  }
}
