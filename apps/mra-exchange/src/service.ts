import { ServiceDefinition } from '@aeo/messaging';
import { MraExchangeModule, SERVICE_NAME } from './app.module';
import { MraExchangeConfig } from './config/mra-exchange.config';
import { MRA_EXCHANGE_DATABASE } from './database';

export const MRA_EXCHANGE: ServiceDefinition<MraExchangeConfig> = {
  name: SERVICE_NAME,
  title: 'AEO registry: MRA exchange',
  description:
    'Mutual Recognition Arrangements; signed records of AEO status sent to partners as they change; ' +
    "the partner's question: is this operator a recognised AEO, today or on that date?",
  schema: MRA_EXCHANGE_DATABASE.schema,
  configClass: MraExchangeConfig,
  module: (config, logger) => MraExchangeModule.forRoot(config, logger),
};
