import { nodeFlagsOf, startService } from '@aeo/messaging';
import { RunningService } from '@aeo/platform';
import { createServer } from 'node:net';
import { ServiceProcess, spawnService } from './service-process';
import { SERVICE_DEFINITIONS, ServiceName } from './services';

export interface AdministrationOptions {
  /** ISO 3166 alpha-2. */
  administration: string;
  /** The administration's own database; each service keeps its own schema in it. */
  databaseUrl: string;
  /** Kafka brokers; without them, the event log in PostgreSQL at eventLogUrl. */
  kafkaBrokers?: string;
  eventLogUrl?: string;
  /** HS256 secret for tests, the token script and the demo's seeding. */
  jwtSecret?: string;
  /** The OpenID provider whose tokens the services accept (verified with its JWKS). */
  oidc?: { issuer: string; jwksUri?: string; audience?: string };
  /** The administration's console, where certificates' QR codes and notices lead (PUBLIC_CONSOLE_URL). */
  publicConsoleUrl?: string;
  /** Where notifications hands its e-mail (SMTP_URL); without it, notices stay in the console's inbox. */
  smtpUrl?: string;
  /** The sender of this administration's notices. */
  mailFrom?: string;
  /** ES256 private key (PKCS#8 PEM) that signs this administration's AEO credentials (none issued without it). */
  credentialSigningKeyPem?: string;
  /** Credential issuers of partner administrations (their PUBLIC_CONSOLE_URL/api/accreditation) whose credentials the verifier checks. */
  trustedCredentialIssuers?: string[];
  /** ES256 private key (PKCS#8 PEM) that signs this administration's records. */
  signingKeyPem: string;
  federationMembers: string[];
  /** First of five consecutive ports; 0 lets the system choose each. */
  basePort?: number;
  logLevel?: string;
  databasePoolSize?: number;
  /** Services to run as processes of their own (their main.ts), so that fault tests can kill -9 them. */
  asProcesses?: ServiceName[];
  topicNamespace?: string;
  federationTopicPrefix?: string;
  /** An OpenTelemetry collector (OTLP/HTTP) every service exports its spans to. */
  otlpEndpoint?: string;
  /** The administration's questionnaire file (accreditation's SAQ_FILE); the SAFE FoS 2025 default without it. */
  saqFile?: string;
}

export interface RunningAdministration {
  administration: string;
  urls: { operatorRegistry: string; accreditation: string; conductCompliance: string; mraExchange: string; notifications: string };
  services: (RunningService | ServiceProcess)[];
  /** Stops one service of this administration (fault tests); `startService` starts it again. */
  stopService(name: ServiceName): Promise<void>;
  /** kill -9 of a service started as a process of its own (see `asProcesses`). */
  killService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  close(): Promise<void>;
}


/**
 * One administration's registry: its five services, each a separate Nest application with its
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
    OIDC_ISSUER: options.oidc?.issuer,
    OIDC_JWKS_URI: options.oidc?.jwksUri,
    OIDC_AUDIENCE: options.oidc?.audience,
    PUBLIC_CONSOLE_URL: options.publicConsoleUrl,
    LOG_LEVEL: options.logLevel ?? 'warn',
    DATABASE_POOL_SIZE: options.databasePoolSize ? String(options.databasePoolSize) : undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint,
  };
  const definitions = SERVICE_DEFINITIONS;
  const envs: Record<string, string | undefined>[] = [
    { ...common, HTTP_PORT: port(0) },
    {
      ...common,
      HTTP_PORT: port(1),
      CREDENTIAL_SIGNING_KEY: options.credentialSigningKeyPem,
      SAQ_FILE: options.saqFile,
      TRUSTED_CREDENTIAL_ISSUERS: options.trustedCredentialIssuers?.join(','),
    },
    { ...common, HTTP_PORT: port(2) },
    {
      ...common,
      HTTP_PORT: port(3),
      MRA_SIGNING_KEY: options.signingKeyPem,
      FEDERATION_MEMBERS: options.federationMembers.join(','),
    },
    { ...common, HTTP_PORT: port(4), SMTP_URL: options.smtpUrl, MAIL_FROM: options.mailFrom },
  ];
  const services: (RunningService | ServiceProcess)[] = [];
  const start = async (i: number, env: Record<string, string | undefined>) => {
    const name = definitions[i].name as ServiceName;
    if (!options.asProcesses?.includes(name)) return startService(definitions[i], env);
    // A process of its own needs a fixed port to be found again after a restart.
    const port = env.HTTP_PORT !== '0' ? env.HTTP_PORT : String(await freePort());
    return spawnService(name, { ...env, HTTP_PORT: port }, undefined, { nodeFlags: nodeFlagsOf(definitions[i]) });
  };
  try {
    for (const i of definitions.keys()) services.push(await start(i, envs[i]));
  } catch (e) {
    await Promise.all(services.map((s) => s.close().catch(() => undefined)));
    throw e;
  }
  const [operatorRegistry, accreditation, conductCompliance, mraExchange, notifications] = services.map((s) => s.url);
  const indexOf = (name: ServiceName) => definitions.findIndex((d) => d.name === name);
  return {
    administration: options.administration,
    urls: { operatorRegistry, accreditation, conductCompliance, mraExchange, notifications },
    services,
    stopService: async (name) => {
      await services[indexOf(name)].close();
    },
    killService: async (name) => {
      const service = services[indexOf(name)];
      if (!('kill' in service)) throw new Error(`${name} runs in this process; start it with asProcesses to kill it`);
      await service.kill();
    },
    startService: async (name) => {
      const i = indexOf(name);
      // Same port as before, so the URLs stay true.
      services[i] = await start(i, { ...envs[i], HTTP_PORT: new URL(services[i].url).port });
    },
    close: async () => {
      await Promise.all(services.map((s) => s.close()));
    },
  };
}

/** A port free on 127.0.0.1 now (the system chooses it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
