import { ACCREDITATION } from '@aeo/accreditation';
import { CONDUCT_COMPLIANCE } from '@aeo/conduct-compliance';
import { startService } from '@aeo/messaging';
import { MRA_EXCHANGE } from '@aeo/mra-exchange';
import { OPERATOR_REGISTRY } from '@aeo/operator-registry';
import { RunningService } from '@aeo/platform';

export interface AdministrationOptions {
  /** ISO 3166 alpha-2. */
  administration: string;
  /** The administration's own database; each service keeps its own schema in it. */
  databaseUrl: string;
  /** Kafka brokers; without them, the event log in PostgreSQL at eventLogUrl. */
  kafkaBrokers?: string;
  eventLogUrl?: string;
  jwtSecret: string;
  /** ES256 private key (PKCS#8 PEM) that signs this administration's records. */
  signingKeyPem: string;
  federationMembers: string[];
  /** First of four consecutive ports; 0 lets the system choose each. */
  basePort?: number;
  logLevel?: string;
  topicNamespace?: string;
  federationTopicPrefix?: string;
}

export interface RunningAdministration {
  administration: string;
  urls: { operatorRegistry: string; accreditation: string; conductCompliance: string; mraExchange: string };
  services: RunningService[];
  close(): Promise<void>;
}

/**
 * One administration's registry: its four services, each a separate Nest application with its
 * own schema, consumers and port. They share nothing in memory: only the event transport.
 */
export async function startAdministration(options: AdministrationOptions): Promise<RunningAdministration> {
  const port = (n: number) => String(options.basePort ? options.basePort + n : 0);
  const common: Record<string, string | undefined> = {
    ADMINISTRATION: options.administration,
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    EVENT_LOG_URL: options.eventLogUrl,
    TOPIC_NAMESPACE: options.topicNamespace,
    FEDERATION_TOPIC_PREFIX: options.federationTopicPrefix,
    JWT_SECRET: options.jwtSecret,
    LOG_LEVEL: options.logLevel ?? 'warn',
  };
  const services: RunningService[] = [];
  try {
    services.push(await startService(OPERATOR_REGISTRY, { ...common, HTTP_PORT: port(0) }));
    services.push(await startService(ACCREDITATION, { ...common, HTTP_PORT: port(1) }));
    services.push(await startService(CONDUCT_COMPLIANCE, { ...common, HTTP_PORT: port(2) }));
    services.push(
      await startService(MRA_EXCHANGE, {
        ...common,
        HTTP_PORT: port(3),
        MRA_SIGNING_KEY: options.signingKeyPem,
        FEDERATION_MEMBERS: options.federationMembers.join(','),
      }),
    );
  } catch (e) {
    await Promise.all(services.map((s) => s.close().catch(() => undefined)));
    throw e;
  }
  const [operatorRegistry, accreditation, conductCompliance, mraExchange] = services.map((s) => s.url);
  return {
    administration: options.administration,
    urls: { operatorRegistry, accreditation, conductCompliance, mraExchange },
    services,
    close: async () => {
      await Promise.all(services.map((s) => s.close()));
    },
  };
}
