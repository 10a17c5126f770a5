export { ACCREDITATION } from './service';
export { ACCREDITATION_DATABASE } from './database';
export { AccreditationClient } from './client/accreditation-client';
export { SAFE_CRITERIA, criteriaFor } from './saq/safe-criteria';
