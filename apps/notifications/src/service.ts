import { ServiceDefinition } from '@aeo/messaging';
import { NotificationsModule, SERVICE_NAME } from './app.module';
import { NotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_DATABASE } from './database';

export const NOTIFICATIONS: ServiceDefinition<NotificationsConfig> = {
  name: SERVICE_NAME,
  title: 'AEO registry: notifications',
  description: 'Notices to the people concerned: what happened, what to do and by when; in the console and by e-mail.',
  schema: NOTIFICATIONS_DATABASE.schema,
  configClass: NotificationsConfig,
  module: (config, logger, clock) => NotificationsModule.forRoot(config, logger, clock),
};
