import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { MIGRATIONS } from './migrations';
import { CodeOfConduct } from './codes-of-conduct/code-of-conduct.entity';
import { KnownOperator } from './operators/known-operator.entity';

/** Conduct-compliance's own schema, tables and migrations. */
export const CONDUCT_COMPLIANCE_DATABASE = {
  schema: 'conduct_compliance',
  entities: [KnownOperator, CodeOfConduct, ...MESSAGING_ENTITIES],
  migrations: MIGRATIONS,
};
