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
  // Its old generation grown by a fifth, not 30%: its peak stays under 150 MiB through an import of 10,000 and the propagation load (README, Benchmark).
  nodeFlags: ['--max-semi-space-size=4', '--heap-growing-percent=20'],
};
