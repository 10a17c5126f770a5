import { Headers } from '@aeo/contracts';
import { KafkaTransport, Subscription, TopicNames } from '@aeo/messaging';
import { generateSigningKeyPair } from '@aeo/mra-exchange';
import pino from 'pino';
import { RunningAdministration, ServiceName, startAdministration } from '@aeo/launcher';
import { call, createTestDatabase, TEST_JWT_SECRET, TEST_KAFKA_BROKERS, TestDatabase, tokenFor, uniqueNamespace } from '@aeo/testing';

export interface TestFederation {
  prefix: string;
  members: string[];
  admins: Record<string, RunningAdministration>;
  keys: Record<string, { privateKeyPem: string; publicKeyPem: string }>;
  databases: Record<string, TestDatabase>;
  /** What reached any member's dead letter so far, as "source topic: reason" (Kafka federations only). */
  deadLetters: string[];
  /** Starts one member again (after stop), with the same database and key. */
  restart(administration: string): Promise<RunningAdministration>;
  /** Starts another replica of a member's services, as processes of their own: same database, key and topics. */
  replica(administration: string): Promise<RunningAdministration>;
  stop(administration: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Several administrations side by side on real Kafka (or the embedded log, given eventLogUrl),
 * each with its own database, key and topic namespace; federation topics unique to this run.
 */
export async function startTestFederation(
  members: string[],
  options: {
    kafkaBrokers?: string;
    eventLog?: boolean;
    asProcesses?: Record<string, ServiceName[]>;
    oidc?: { issuer: string; jwksUri?: string };
    /** Each member's console origin: certificates and notices lead there, and its AEO credentials are issued under it. */
    consoles?: Record<string, string>;
    /** An OpenTelemetry collector (OTLP/HTTP) every service exports its spans to. */
    otlpEndpoint?: string;
  } = {},
): Promise<TestFederation> {
  const prefix = uniqueNamespace('e2e');
  const keys = Object.fromEntries(members.map((m) => [m, generateSigningKeyPair()]));
  const credentialKeys = Object.fromEntries(members.map((m) => [m, generateSigningKeyPair()]));
  const databases: Record<string, TestDatabase> = {};
  for (const m of members) databases[m] = await createTestDatabase(`aeo_${m.toLowerCase()}`);
  const eventLog = options.eventLog ? await createTestDatabase('aeo_eventlog') : undefined;
  const replicas: RunningAdministration[] = [];
  const start = (m: string, asProcesses = options.asProcesses?.[m]) =>
    startAdministration({
      administration: m,
      databaseUrl: databases[m].url,
      kafkaBrokers: options.eventLog ? undefined : (options.kafkaBrokers ?? TEST_KAFKA_BROKERS),
      eventLogUrl: eventLog?.url,
      jwtSecret: TEST_JWT_SECRET,
      oidc: options.oidc,
      signingKeyPem: keys[m].privateKeyPem,
      ...(options.consoles
        ? {
            publicConsoleUrl: options.consoles[m],
            credentialSigningKeyPem: credentialKeys[m].privateKeyPem,
            trustedCredentialIssuers: members.filter((o) => o !== m).map((o) => `${options.consoles![o]}/api/accreditation`),
          }
        : {}),
      federationMembers: members,
      topicNamespace: `${prefix}-${m.toLowerCase()}`,
      federationTopicPrefix: prefix,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'error',
      asProcesses,
      otlpEndpoint: options.otlpEndpoint,
    });
  const admins: Record<string, RunningAdministration> = {};
  for (const m of members) admins[m] = await start(m);
  const deadLetters: string[] = [];
  let reader: KafkaTransport | undefined;
  let subscription: Subscription | undefined;
  if (!options.eventLog) {
    reader = new KafkaTransport({ brokers: (options.kafkaBrokers ?? TEST_KAFKA_BROKERS).split(','), clientId: `${prefix}.dead-letters`, logger: pino({ level: 'silent' }) });
    await reader.connect();
    subscription = await reader.subscribe({
      groupId: `${prefix}.dead-letter-reader`,
      topics: members.map((m) => new TopicNames(`${prefix}-${m.toLowerCase()}`).deadLetter),
      handle: async (m) => void deadLetters.push(`${m.headers[Headers.deadLetterSourceTopic]}: ${m.headers[Headers.deadLetterReason]}`),
    });
  }
  return {
    prefix,
    members,
    admins,
    keys,
    databases,
    deadLetters,
    stop: async (m) => {
      await admins[m].close();
    },
    restart: async (m) => (admins[m] = await start(m)),
    replica: async (m) => {
      const replica = await start(m, ['operator-registry', 'accreditation', 'conduct-compliance', 'mra-exchange', 'notifications']);
      replicas.push(replica);
      return replica;
    },
    close: async () => {
      await Promise.all(replicas.map((r) => r.close().catch(() => undefined)));
      await subscription?.close().catch(() => undefined);
      await reader?.close().catch(() => undefined);
      await Promise.all(Object.values(admins).map((a) => a.close().catch(() => undefined)));
      for (const db of Object.values(databases)) await db.drop().catch(() => undefined);
      await eventLog?.drop().catch(() => undefined);
    },
  };
}

/**
 * Each member records one arrangement among all members (the SACU MRA in the tests), signed: it
 * is active there at once. `at` names the members that record it now (all by default), in that order.
 */
export async function recordArrangement(
  federation: TestFederation,
  arrangement: { name: string; aeoTypes?: ('C' | 'S' | 'F')[]; benefits?: string[]; effectiveFrom?: string; members?: string[]; at?: string[] },
): Promise<void> {
  const members = arrangement.members ?? federation.members;
  for (const m of arrangement.at ?? members) {
    const response = await call('POST', `${federation.admins[m].urls.mraExchange}/arrangements`, {
      token: tokenFor(m, ['supervisor']),
      body: {
        name: arrangement.name,
        parties: members.map((p) => ({
          administration: p,
          recognisedAeoTypes: arrangement.aeoTypes ?? ['S', 'F'],
          publicKey: federation.keys[p].publicKeyPem,
          keyId: `${p}-1`,
        })),
        benefits: arrangement.benefits ?? ['lower-risk-score', 'fewer-examinations', 'priority-clearance'],
        effectiveFrom: arrangement.effectiveFrom ?? '2023-05-31',
        // The MRA is signed: every partner's confirmation is on record.
        confirmations: members.filter((p) => p !== m).map((p) => ({ administration: p, confirmedOn: '2023-05-31', reference: `${p} note` })),
      },
    });
    if (response.status !== 201) throw new Error(`arrangement at ${m}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
