import { ServiceConfig } from '@aeo/platform';

/** Environment of the operator registry service; it needs nothing beyond the common variables. */
export class OperatorRegistryConfig extends ServiceConfig {}
