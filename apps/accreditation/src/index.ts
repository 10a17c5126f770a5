export { ACCREDITATION } from './service';
export { ACCREDITATION_DATABASE } from './database';
