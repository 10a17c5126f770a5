import { ServiceConfig } from '@aeo/platform';

export class ConductComplianceConfig extends ServiceConfig {}
