export { MRA_EXCHANGE } from './service';
export { MRA_EXCHANGE_DATABASE } from './database';
export { generateSigningKeyPair, verifyBytes, parsePublicKey } from './signing/record-signature';
