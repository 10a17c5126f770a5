export { ACCREDITATION } from './service';
export { ACCREDITATION_DATABASE } from './database';
export { criteriaFor, DEFAULT_QUESTIONNAIRE, inLanguage } from './saq/questionnaire';
export { verifyCredential, verifyJws, VERDICTS } from './credentials/credential-verification';
export type { Verification, Verdict } from './credentials/credential-verification';
export { keysOfJwks } from './credentials/credential-keys';
export { jwksUrl } from './credentials/aeo-credential';
export type { StatusPurpose } from './credentials/status-list';
