import { ServiceDefinition } from '@aeo/messaging';
import { OperatorRegistryModule, SERVICE_NAME } from './app.module';
import { OperatorRegistryConfig } from './config/operator-registry.config';
import { OPERATOR_REGISTRY_DATABASE } from './database';

export const OPERATOR_REGISTRY: ServiceDefinition<OperatorRegistryConfig> = {
  name: SERVICE_NAME,
  title: 'AEO registry: operator registry',
  description: 'Traders, their identifiers (a cross-reference per issuer) and their consents.',
  schema: OPERATOR_REGISTRY_DATABASE.schema,
  configClass: OperatorRegistryConfig,
  module: (config, logger) => OperatorRegistryModule.forRoot(config, logger),
  // Its old generation grows by a fifth, not 30 %, before a full collection, and its young one is
  // half the others' (as conduct-compliance's): not on a status change's path; 141-146 MiB at an
  // import's peak in four runs against 142-149 in seven with 4 MiB semi-spaces (README, Benchmark).
  nodeFlags: ['--max-semi-space-size=2', '--heap-growing-percent=20'],
};
