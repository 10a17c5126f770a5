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
};
