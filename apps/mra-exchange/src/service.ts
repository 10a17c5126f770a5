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
  // V8's default young generation (16 MiB semi-spaces): a snapshot arrives in chunks of 1,000
  // records, and with 4 MiB ones more of each chunk was promoted before it was stored (BW's CPU a
  // snapshot record 260 µs against 180-230, one run each); the old generation grows as elsewhere.
  nodeFlags: ['--heap-growing-percent=30'],
};
