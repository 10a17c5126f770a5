import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { createPublicKey, KeyObject } from 'node:crypto';
import type { SigningKeyView } from '../arrangements/dto/arrangement.view';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { parsePrivateKey, RECORD_SIGNATURE_ALGORITHM, signBytes } from './record-signature';

/** This administration's signing key (MRA_SIGNING_KEY) and the id partners know it by: signs records and requests. */
@Injectable()
export class ExchangeSigner {
  readonly keyId: string;
  private readonly key: KeyObject;

  private readonly administration: string;

  constructor(@Inject(SERVICE_CONFIG) config: MraExchangeConfig) {
    this.key = parsePrivateKey(config.MRA_SIGNING_KEY);
    this.keyId = config.signingKeyId;
    this.administration = config.ADMINISTRATION;
  }

  /** The public half, for partners to put in their MRA records. */
  publicKey(): SigningKeyView {
    return {
      administration: this.administration,
      keyId: this.keyId,
      algorithm: RECORD_SIGNATURE_ALGORITHM,
      publicKey: createPublicKey(this.key).export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  sign(bytes: Uint8Array): Buffer {
    return signBytes(bytes, this.key);
  }

  /** Signs with this key something of another form (the partner feed's JWS), the key never leaving this class otherwise. */
  withKey<T>(sign: (key: KeyObject, keyId: string) => T): T {
    return sign(this.key, this.keyId);
  }
}
