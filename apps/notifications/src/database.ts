import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { MIGRATIONS } from './migrations';
import { Notice } from './notices/notice.entity';
import { KnownAuthorisation } from './operators/known-authorisation.entity';
import { KnownOperator } from './operators/known-operator.entity';
import { Recipient } from './recipients/recipient.entity';

/** Notifications' own schema, tables and migrations. */
export const NOTIFICATIONS_DATABASE = {
  schema: 'notifications',
  entities: [KnownOperator, KnownAuthorisation, Recipient, Notice, ...MESSAGING_ENTITIES],
  migrations: MIGRATIONS,
};
