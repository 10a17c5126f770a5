import { ServiceDefinition } from '@aeo/messaging';
import { AccreditationModule, SERVICE_NAME } from './app.module';
import { AccreditationConfig } from './config/accreditation.config';
import { ACCREDITATION_DATABASE } from './database';

export const ACCREDITATION: ServiceDefinition<AccreditationConfig> = {
  name: SERVICE_NAME,
  title: 'AEO registry: accreditation',
  description: 'Applications for AEO status, decisions, certificates and the life of an authorisation.',
  schema: ACCREDITATION_DATABASE.schema,
  configClass: AccreditationConfig,
  module: (config, logger, clock) => AccreditationModule.forRoot(config, logger, clock),
};
