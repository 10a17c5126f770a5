import { ServiceDefinition } from '@aeo/messaging';
import { ConductComplianceModule, SERVICE_NAME } from './app.module';
import { ConductComplianceConfig } from './config/conduct-compliance.config';
import { CONDUCT_COMPLIANCE_DATABASE } from './database';

export const CONDUCT_COMPLIANCE: ServiceDefinition<ConductComplianceConfig> = {
  name: SERVICE_NAME,
  title: 'AEO registry: conduct compliance',
  description: 'SAFE FoS 2025: codes of conduct, insider-threat training, declarations and incidents.',
  schema: CONDUCT_COMPLIANCE_DATABASE.schema,
  configClass: ConductComplianceConfig,
  module: (config, logger, clock) => ConductComplianceModule.forRoot(config, logger, clock),
  // Its old generation grows by a fifth, not 30 %, before a full collection, and its young one is
  // half the others' (2 MiB semi-spaces): it is not on a status change's path, and its peak is the
  // register of an import consumed (10,000 operators, a compliance status each, then 10,000
  // people): 143-150 MiB in six runs against 152-157 in five with 4 MiB semi-spaces, the personnel
  // file taking 19-23 s against 16-23 (README, Benchmark).
  nodeFlags: ['--max-semi-space-size=2', '--heap-growing-percent=20'],
};
