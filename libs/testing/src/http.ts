/** The JSON client of the tests: the platform's, which the demo seed and the accreditation client use too. */
export { jsonRequest as call } from '@aeo/platform';
