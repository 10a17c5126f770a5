import { createTestDatabase, TEST_JWT_SECRET, TEST_KAFKA_BROKERS, TestDatabase, uniqueNamespace } from '@aeo/testing';
import { RunningService, ServiceConfig } from '@aeo/platform';
import pino from 'pino';
import { ServiceDefinition, StartOptions, startService } from '../service-host';
import { TopicNames } from '../topic-names';
import { EventTransport } from '../transport/event-transport';
import { KafkaTransport } from '../transport/kafka-transport';

export interface TestService {
  service: RunningService;
  url: string;
  db: TestDatabase;
  topics: TopicNames;
  /** A Kafka client of the test's own, to publish and read the service's topics. */
  kafka: EventTransport;
  close(): Promise<void>;
}

/**
 * One service on real PostgreSQL (a fresh database, real migrations) and real Kafka: the test
 * broker, or the one `env` names (KAFKA_BROKERS, with KAFKA_SASL_USERNAME/PASSWORD), which the
 * test's own client then uses with the same credentials.
 */
export async function startTestService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestService> {
  const db = await createTestDatabase(`aeo_${definition.schema}`);
  const namespace = uniqueNamespace(definition.name.slice(0, 4));
  let service: RunningService;
  try {
    service = await startService(definition, {
      ADMINISTRATION: 'ZA',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      TOPIC_NAMESPACE: namespace,
      FEDERATION_TOPIC_PREFIX: namespace,
      JWT_SECRET: TEST_JWT_SECRET,
      HTTP_PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    }, options);
  } catch (e) {
    await db.drop().catch(() => undefined); // a service that did not start leaves no database behind
    throw e;
  }
  const own = { ...env, TOPIC_NAMESPACE: env.TOPIC_NAMESPACE ?? namespace, FEDERATION_TOPIC_PREFIX: env.FEDERATION_TOPIC_PREFIX ?? namespace };
  const kafka = new KafkaTransport({
    brokers: (env.KAFKA_BROKERS || TEST_KAFKA_BROKERS).split(','),
    sasl: env.KAFKA_SASL_USERNAME ? { mechanism: 'scram-sha-512', username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD! } : undefined,
    clientId: `${own.TOPIC_NAMESPACE}.test`,
    logger: pino({ level: 'silent' }),
  });
  await kafka.connect();
  return {
    service,
    url: service.url,
    db,
    topics: new TopicNames(own.TOPIC_NAMESPACE, own.FEDERATION_TOPIC_PREFIX),
    kafka,
    close: async () => {
      await service.close();
      await kafka.close();
      await db.drop();
    },
  };
}
