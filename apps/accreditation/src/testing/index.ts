// A test driver of the accreditation API (tests, the demo seed, the benchmark): not part of the
// service. Imported as `@aeo/accreditation/testing`; production code may not (eslint).
export { AccreditationClient } from './accreditation-client';
