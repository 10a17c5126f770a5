import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { IMPORT_ENTITIES } from '@aeo/platform';
import { ConsentRecord } from './consents/consent-record.entity';
import { OperatorIdentifier } from './identifiers/operator-identifier.entity';
import { MIGRATIONS } from './migrations';
import { OperatorChange } from './operators/operator-change.entity';
import { Operator } from './operators/operator.entity';
import { Representation } from './representatives/representation.entity';

/** The operator registry's own schema, tables and migrations. */
export const OPERATOR_REGISTRY_DATABASE = {
  schema: 'operator_registry',
  entities: [Operator, OperatorIdentifier, ConsentRecord, OperatorChange, Representation, ...MESSAGING_ENTITIES, ...IMPORT_ENTITIES],
  migrations: MIGRATIONS,
};
