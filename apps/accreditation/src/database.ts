import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { IMPORT_ENTITIES, REPRESENTATION_ENTITIES } from '@aeo/platform';
import { Application } from './applications/application.entity';
import { Authorisation } from './authorisations/authorisation.entity';
import { Credential } from './credentials/credential.entity';
import { DeadlineNotice } from './deadlines/deadline-notice.entity';
import { Evidence } from './evidence/evidence.entity';
import { ChainHead } from './history/chain-head.entity';
import { Transition } from './history/transition.entity';
import { MIGRATIONS } from './migrations';
import { KnownOperator } from './operators/known-operator.entity';
import { OperatorCompliance } from './operators/operator-compliance.entity';
import { SaqSection } from './saq/saq-section.entity';
import { SaqVersion } from './saq/saq-version.entity';

/** Accreditation's own schema, tables and migrations. */
export const ACCREDITATION_DATABASE = {
  schema: 'accreditation',
  entities: [
    KnownOperator,
    OperatorCompliance,
    Application,
    SaqSection,
    SaqVersion,
    Evidence,
    Authorisation,
    Transition,
    ChainHead,
    DeadlineNotice,
    Credential,
    ...MESSAGING_ENTITIES,
    ...IMPORT_ENTITIES,
    ...REPRESENTATION_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
