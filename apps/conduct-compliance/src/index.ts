export { CONDUCT_COMPLIANCE } from './service';
export { CONDUCT_COMPLIANCE_DATABASE } from './database';
