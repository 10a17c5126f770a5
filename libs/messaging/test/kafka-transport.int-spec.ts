import { TEST_KAFKA_BROKERS } from '@aeo/testing';
import { KafkaTransport } from '../src';
import { describeTransportConformance, logger } from './transport-conformance';

describeTransportConformance(
  'Apache Kafka',
  () => new KafkaTransport({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'conformance', logger }),
);
