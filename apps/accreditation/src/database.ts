import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { Application } from './applications/application.entity';
import { AuthorisationTransition } from './authorisations/authorisation-transition.entity';
import { Authorisation } from './authorisations/authorisation.entity';
import { MIGRATIONS } from './migrations';
import { KnownOperator } from './operators/known-operator.entity';

/** Accreditation's own schema, tables and migrations. */
export const ACCREDITATION_DATABASE = {
  schema: 'accreditation',
  entities: [KnownOperator, Application, Authorisation, AuthorisationTransition, ...MESSAGING_ENTITIES],
  migrations: MIGRATIONS,
};
