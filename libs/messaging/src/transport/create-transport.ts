import type { KafkaSasl } from '@aeo/platform';
import { Logger } from 'pino';
import { EventTransport } from './event-transport';
import { KafkaTransport } from './kafka-transport';
import { PgEventLogTransport } from './pg-event-log-transport';

/** Kafka when brokers are configured, otherwise the event log in PostgreSQL. */
export function createTransport(options: {
  kafkaBrokers?: string;
  sasl?: KafkaSasl;
  eventLogUrl: string;
  clientId: string;
  logger: Logger;
}): EventTransport {
  if (options.kafkaBrokers) {
    return new KafkaTransport({
      brokers: options.kafkaBrokers.split(','),
      clientId: options.clientId,
      sasl: options.sasl,
      logger: options.logger,
    });
  }
  return new PgEventLogTransport({ url: options.eventLogUrl, logger: options.logger });
}
