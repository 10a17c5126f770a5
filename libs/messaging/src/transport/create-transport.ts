import { Logger } from 'pino';
import { EventTransport } from './event-transport';
import { KafkaTransport } from './kafka-transport';
import { PgEventLogTransport } from './pg-event-log-transport';

/** Kafka when brokers are configured, otherwise the event log in PostgreSQL. */
export function createTransport(options: {
  kafkaBrokers?: string;
  eventLogUrl: string;
  clientId: string;
  logger: Logger;
}): EventTransport {
  if (options.kafkaBrokers) {
    return new KafkaTransport({
      brokers: options.kafkaBrokers.split(','),
      clientId: options.clientId,
      logger: options.logger,
    });
  }
  return new PgEventLogTransport({ url: options.eventLogUrl, logger: options.logger });
}
