import { SERVICE_CONFIG, SERVICE_LOGGER, ServiceConfig, ServiceMetrics, SpanExport } from '@aeo/platform';
import {
  DynamicModule,
  Inject,
  BeforeApplicationShutdown,
  Injectable,
  INestApplication,
  INestMicroservice,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventConsumerServer } from './consumer/event-consumer.server';
import { PassThroughRpcFilter } from './consumer/pass-through.filter';
import { OutboxCommitSubscriber, OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';
import { TopicNames } from './topic-names';
import { DeadLettersController } from './dead-letter/dead-letters.controller';
import { Retention } from './retention';
import { createTransport } from './transport/create-transport';
import { EVENT_TRANSPORT, EventTransport } from './transport/event-transport';

export interface MessagingOptions {
  /** The service's name: its consumer group and inbox consumer. */
  service: string;
  /** For services that read federation channels: the administrations whose channels to this one to read. */
  partners?: (config: ServiceConfig) => string[];
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly relay: OutboxRelay,
    private readonly dataSource: DataSource,
    private readonly metrics: ServiceMetrics,
    private readonly retention: Retention,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.transport.connect();
    this.dataSource.subscribers.push(new OutboxCommitSubscriber(this.relay));
    // The outbox as Prometheus reads it: what waits to be published, and for how long.
    const waiting = async () =>
      (await this.dataSource.query(`SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox WHERE published_at IS NULL`))[0] as { n: number; age: number };
    this.metrics.gauge('aeo_outbox_backlog', 'Outbox rows not yet published', async () => (await waiting()).n);
    this.metrics.gauge('aeo_outbox_oldest_age_seconds', 'Age of the oldest outbox row not yet published, in seconds', async () => (await waiting()).age);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.retention.start();
  }

  /** The relay stops before the database pool closes (TypeORM closes it on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.retention.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

/** The outbox, the relay, the event consumer, the transport, the dead letters' API and the retention pass of one service. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: TopicNames,
          useFactory: (config: ServiceConfig) => new TopicNames(config.topicNamespace, config.FEDERATION_TOPIC_PREFIX),
          inject: [SERVICE_CONFIG],
        },
        {
          provide: EVENT_TRANSPORT,
          useFactory: (config: ServiceConfig, logger: Logger) =>
            createTransport({
              kafkaBrokers: config.KAFKA_BROKERS,
              sasl: config.kafkaSasl,
              eventLogUrl: config.EVENT_LOG_URL ?? config.DATABASE_URL,
              clientId: `${config.topicNamespace}.${options.service}`,
              logger,
            }),
          inject: [SERVICE_CONFIG, SERVICE_LOGGER],
        },
        {
          provide: OutboxWriter,
          useFactory: (config: ServiceConfig, topics: TopicNames) => new OutboxWriter(config.ADMINISTRATION, topics),
          inject: [SERVICE_CONFIG, TopicNames],
        },
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, transport: EventTransport, logger: Logger, metrics: ServiceMetrics) =>
            new OutboxRelay(dataSource, transport, logger.child({ component: 'outbox-relay' }), {}, metrics),
          inject: [DataSource, EVENT_TRANSPORT, SERVICE_LOGGER, ServiceMetrics],
        },
        {
          provide: EventConsumerServer,
          useFactory: (
            config: ServiceConfig,
            dataSource: DataSource,
            transport: EventTransport,
            topics: TopicNames,
            logger: Logger,
            metrics: ServiceMetrics,
            spans: SpanExport,
          ) =>
            new EventConsumerServer({
              consumer: options.service,
              dataSource,
              transport,
              topics,
              logger: logger.child({ component: 'event-consumer' }),
              partners: options.partners ? () => options.partners!(config) : undefined,
              administration: config.ADMINISTRATION,
              metrics,
              spans,
            }),
          inject: [SERVICE_CONFIG, DataSource, EVENT_TRANSPORT, TopicNames, SERVICE_LOGGER, ServiceMetrics, SpanExport],
        },
        {
          provide: Retention,
          useFactory: (dataSource: DataSource, config: ServiceConfig, logger: Logger, metrics: ServiceMetrics) =>
            new Retention(dataSource, config, logger.child({ component: 'retention' }), metrics),
          inject: [DataSource, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics],
        },
        MessagingLifecycle,
      ],
      controllers: [DeadLettersController],
      exports: [EVENT_TRANSPORT, TopicNames, OutboxWriter, OutboxRelay, EventConsumerServer, Retention],
    };
  }
}

/** Connects the app's `@EventPattern` handlers to the event transport and starts consuming. */
export async function startEventConsumers(app: INestApplication): Promise<EventConsumerServer> {
  const server = app.get(EventConsumerServer);
  // The providers' init and bootstrap hooks, once, by the application (the transport connects, the
  // relay and the schedulers start) before any consumer does.
  await app.init();
  // Deferred, so the filter is registered before the handlers are wrapped. A deferred microservice
  // would call every hook of the shared container again as it starts: each scheduler started twice,
  // its first timer never stopped (runs after shutdown: "Driver not Connected"), a second SMTP
  // listener for bounces, every commit subscriber registered twice.
  const microservice = app.connectMicroservice({ strategy: server }, { deferInitialization: true }) as INestMicroservice & Pick<NestMicroservice, 'setIsInitHookCalled'>;
  microservice.setIsInitHookCalled(true);
  microservice.useGlobalFilters(new PassThroughRpcFilter());
  await app.startAllMicroservices();
  return server;
}
