export { ACCREDITATION } from './service';
export { ACCREDITATION_DATABASE } from './database';
export { SAFE_CRITERIA, criteriaFor } from './saq/safe-criteria';
