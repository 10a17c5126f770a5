import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { IMPORT_ENTITIES, REPRESENTATION_ENTITIES } from '@aeo/platform';
import { CodeOfConduct } from './codes-of-conduct/code-of-conduct.entity';
import { ComplianceStatus } from './compliance/compliance-status.entity';
import { Declaration } from './declarations/declaration.entity';
import { Incident } from './incidents/incident.entity';
import { MIGRATIONS } from './migrations';
import { KnownOperator } from './operators/known-operator.entity';
import { Person } from './personnel/person.entity';
import { Training } from './personnel/training.entity';

/** Conduct-compliance's own schema, tables and migrations. */
export const CONDUCT_COMPLIANCE_DATABASE = {
  schema: 'conduct_compliance',
  entities: [KnownOperator, CodeOfConduct, Person, Training, Declaration, Incident, ComplianceStatus, ...MESSAGING_ENTITIES, ...IMPORT_ENTITIES, ...REPRESENTATION_ENTITIES],
  migrations: MIGRATIONS,
};
