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
};
