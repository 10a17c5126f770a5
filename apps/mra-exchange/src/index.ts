export { MRA_EXCHANGE } from './service';
export { MRA_EXCHANGE_DATABASE } from './database';
export { generateSigningKeyPair, verifyBytes, parsePublicKey } from './signing/record-signature';
export { BATCH_FORMAT, signBatchFile, signRecordJws } from './partner-feed/partner-files';
export type { BatchEntry } from './partner-feed/partner-files';
export type { WcoRecord } from './partner-feed/wco-record';
