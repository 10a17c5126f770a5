/**
 * Provisions a broker for a federation of registries, from the MRAs in a federation file
 * (deploy/federation.json): each administration's SCRAM user, its own topics, the channels
 * between MRA partners, and the ACLs that make the broker enforce who reads and writes what.
 *
 *   node -r @swc-node/register deploy/kafka/provision.ts --federation deploy/federation.json \
 *     --brokers 127.0.0.1:19092 [--federation-prefix <p>] [--partitions-only]
 *
 * The broker's super user signs in with KAFKA_ADMIN_USER (default admin) and KAFKA_ADMIN_PASSWORD;
 * each administration's password comes from KAFKA_PASSWORD_<CODE> (e.g. KAFKA_PASSWORD_ZA).
 * Running it again changes nothing; a channel whose MRA left the file loses its ACLs (its topic
 * and records stay, for the record).
 *
 * Each administration A (principal User:<user>, by default its code in lower case) gets:
 * - all rights on the topics and consumer groups prefixed with its namespace (`za.`);
 * - Write on its channels to each MRA partner B (records A→B, requests A→B);
 * - Read on the channels from each MRA partner B to it (records B→A, requests B→A);
 * and nothing else: not another administration's topics, not a channel between two others.
 *
 * Each agency listed under an administration (`"agencies": [{ "user": "za-environment", "name": ... }]`,
 * another government body: an environmental authority, a health inspectorate) gets a SCRAM user of
 * its own (password from KAFKA_PASSWORD_<USER>, upper case, "-" as "_": KAFKA_PASSWORD_ZA_ENVIRONMENT),
 * Read on that administration's agency topic (`za.mra-exchange.agency-status-changed.v1`: the status
 * changes of its published AEOs) and its own consumer groups (`za-environment.`), nothing else.
 */
import { Events, partitionsOf, TopicScope } from '@aeo/contracts';
import { TopicNames } from '@aeo/messaging';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';

/** The federation file: who is in it and which MRAs bind whom. */
export interface FederationFile {
  administrations: Record<string, { namespace?: string; user?: string; agencies?: { user: string; name: string }[] }>;
  arrangements: { name: string; parties: string[] }[];
}

interface Acl {
  principal: string;
  resourceType: AclResourceTypes;
  resourceName: string;
  resourcePatternType: ResourcePatternTypes;
  operation: AclOperationTypes;
}

export interface FederationPlan {
  /** Per administration: its user, namespace, and the partners it has channels with. */
  members: { administration: string; user: string; namespace: string; partners: string[] }[];
  /** Other agencies, each reading one administration's agency topic. */
  agencies: { administration: string; user: string; name: string; topic: string }[];
  topics: { topic: string; partitions: number }[];
  acls: Acl[];
}

const CODE = /^[A-Z]{2}$/;

/** Reads and checks the federation file; says what is wrong, by name. */
export function readFederation(text: string): FederationFile {
  const file = JSON.parse(text) as FederationFile;
  const problems: string[] = [];
  const codes = Object.keys(file.administrations ?? {});
  if (codes.length === 0) problems.push('administrations: none listed');
  for (const code of codes) if (!CODE.test(code)) problems.push(`administrations: ${code} is not an ISO 3166 alpha-2 code`);
  for (const [i, a] of (file.arrangements ?? []).entries()) {
    if (!a.name) problems.push(`arrangements[${i}]: no name`);
    if (!Array.isArray(a.parties) || a.parties.length < 2) problems.push(`arrangements[${i}] (${a.name}): needs two parties or more`);
    for (const p of a.parties ?? []) if (!codes.includes(p)) problems.push(`arrangements[${i}] (${a.name}): party ${p} is not in administrations`);
  }
  const users = new Set(codes.map((c) => file.administrations[c].user ?? c.toLowerCase()));
  for (const code of codes) {
    for (const [i, agency] of (file.administrations[code].agencies ?? []).entries()) {
      if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(agency.user ?? '')) problems.push(`administrations.${code}.agencies[${i}]: user must be lower-case letters, digits, "." or "-"`);
      else if (users.has(agency.user)) problems.push(`administrations.${code}.agencies[${i}]: user ${agency.user} is taken`);
      else users.add(agency.user);
      if (!agency.name) problems.push(`administrations.${code}.agencies[${i}]: no name`);
    }
  }
  if (problems.length) throw new Error(`federation file: ${problems.join('; ')}`);
  return file;
}

/** What the broker must hold for this federation: topics and ACLs, from the MRAs alone. */
export function planFederation(file: FederationFile, federationPrefix?: string): FederationPlan {
  const partnersOf = new Map<string, Set<string>>();
  for (const code of Object.keys(file.administrations)) partnersOf.set(code, new Set());
  for (const a of file.arrangements) for (const p of a.parties) for (const q of a.parties) if (p !== q) partnersOf.get(p)!.add(q);

  const members = Object.entries(file.administrations).map(([administration, m]) => ({
    administration,
    user: m.user ?? administration.toLowerCase(),
    namespace: m.namespace ?? administration.toLowerCase(),
    partners: [...partnersOf.get(administration)!].sort(),
  }));
  const channelDefinitions = Object.values(Events).filter((d) => d.scope === ('federation' satisfies TopicScope));
  const ownDefinitions = Object.values(Events).filter((d) => d.scope === ('administration' satisfies TopicScope));
  const topics: FederationPlan['topics'] = [];
  const acls: Acl[] = [];
  const allow = (principal: string, resourceType: AclResourceTypes, resourceName: string, pattern: ResourcePatternTypes, operations: AclOperationTypes[]) =>
    operations.forEach((operation) => acls.push({ principal: `User:${principal}`, resourceType, resourceName, resourcePatternType: pattern, operation }));

  for (const m of members) {
    const names = new TopicNames(m.namespace, federationPrefix);
    for (const d of ownDefinitions) topics.push({ topic: names.of(d), partitions: partitionsOf(names.of(d)) });
    topics.push({ topic: names.deadLetter, partitions: partitionsOf(names.deadLetter) });
    allow(m.user, AclResourceTypes.TOPIC, `${m.namespace}.`, ResourcePatternTypes.PREFIXED, [AclOperationTypes.ALL]);
    allow(m.user, AclResourceTypes.GROUP, `${m.namespace}.`, ResourcePatternTypes.PREFIXED, [AclOperationTypes.ALL]);
    for (const partner of m.partners) {
      const reader = members.find((r) => r.administration === partner)!;
      for (const d of channelDefinitions) {
        const topic = names.of(d, { from: m.administration, to: partner });
        topics.push({ topic, partitions: partitionsOf(topic) });
        allow(m.user, AclResourceTypes.TOPIC, topic, ResourcePatternTypes.LITERAL, [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]);
        allow(reader.user, AclResourceTypes.TOPIC, topic, ResourcePatternTypes.LITERAL, [AclOperationTypes.READ, AclOperationTypes.DESCRIBE]);
      }
    }
  }
  const agencies: FederationPlan['agencies'] = [];
  for (const m of members) {
    const topic = new TopicNames(m.namespace, federationPrefix).of(Events.agencyStatusChanged);
    for (const agency of file.administrations[m.administration].agencies ?? []) {
      agencies.push({ administration: m.administration, user: agency.user, name: agency.name, topic });
      allow(agency.user, AclResourceTypes.TOPIC, topic, ResourcePatternTypes.LITERAL, [AclOperationTypes.READ, AclOperationTypes.DESCRIBE]);
      allow(agency.user, AclResourceTypes.GROUP, `${agency.user}.`, ResourcePatternTypes.PREFIXED, [AclOperationTypes.READ, AclOperationTypes.DESCRIBE]);
    }
  }
  return { members, agencies, topics, acls };
}

/** The key of an agency's password: KAFKA_PASSWORD_<this>. */
export const agencyPasswordKey = (user: string) => user.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The value after `name` (`--federation deploy/federation.json`) in a command line. */
export function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** SCRAM-SHA-512 users through Kafka's own ConfigCommand (kafkajs cannot alter SCRAM credentials). */
function upsertScramUsers(brokers: string, admin: { user: string; password: string }, users: { user: string; password: string }[]): void {
  const libs = join(__dirname, '.libs');
  const dir = mkdtempSync(join(tmpdir(), 'aeo-provision-'));
  try {
    const config = join(dir, 'admin.properties');
    writeFileSync(
      config,
      [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-512',
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.user}" password="${admin.password}";`,
      ].join('\n'),
      { mode: 0o600 },
    );
    for (const u of users) {
      execFileSync('java', [
        '-cp', `${libs}/*`, '-Dlog4j.configuration=file:/dev/null',
        'kafka.admin.ConfigCommand', '--bootstrap-server', brokers.split(',')[0], '--command-config', config,
        '--alter', '--add-config', `SCRAM-SHA-512=[iterations=4096,password=${u.password}]`, '--entity-type', 'users', '--entity-name', u.user,
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const aclKey = (a: Acl) => `${a.principal}|${a.resourceType}|${a.resourceName}|${a.resourcePatternType}|${a.operation}`;

export async function provision(options: {
  federation: FederationFile;
  brokers: string;
  federationPrefix?: string;
  admin: { user: string; password: string };
  passwords: Record<string, string>;
}): Promise<FederationPlan> {
  const plan = planFederation(options.federation, options.federationPrefix);
  const missing = [
    ...plan.members.filter((m) => !options.passwords[m.administration]).map((m) => `${m.administration} (KAFKA_PASSWORD_${m.administration})`),
    ...plan.agencies.filter((a) => !options.passwords[agencyPasswordKey(a.user)]).map((a) => `${a.user} (KAFKA_PASSWORD_${agencyPasswordKey(a.user)})`),
  ];
  if (missing.length) throw new Error(`no password for ${missing.join(', ')}`);
  upsertScramUsers(options.brokers, options.admin, [
    ...plan.members.map((m) => ({ user: m.user, password: options.passwords[m.administration] })),
    ...plan.agencies.map((a) => ({ user: a.user, password: options.passwords[agencyPasswordKey(a.user)] })),
  ]);

  const kafka = new Kafka({
    clientId: 'aeo-provision',
    brokers: options.brokers.split(','),
    sasl: { mechanism: 'scram-sha-512', username: options.admin.user, password: options.admin.password },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const brokers = (await admin.describeCluster()).brokers.length;
    const replicationFactor = Math.min(3, brokers);
    const existing = new Set(await admin.listTopics());
    const wanted = plan.topics.filter((t) => !existing.has(t.topic));
    if (wanted.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(replicationFactor >= 3 ? 2 : 1) }],
        })),
      });
    }
    // ACLs of channels no longer in any MRA go; the wanted ones are added (adding one twice is harmless).
    const wantedKeys = new Set(plan.acls.map(aclKey));
    const stale: Acl[] = [];
    for (const m of plan.members) {
      const described = await admin.describeAcls({
        resourceType: AclResourceTypes.TOPIC,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${m.user}`,
        host: '*',
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      for (const r of described.resources) {
        if (!/\.to\.[A-Z]{2}\.v\d+$/.test(r.resourceName)) continue;
        if (options.federationPrefix && !r.resourceName.startsWith(`${options.federationPrefix}.`)) continue;
        for (const a of r.acls) {
          const acl = { principal: a.principal, resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, operation: a.operation };
          if (!wantedKeys.has(aclKey(acl))) stale.push(acl);
        }
      }
    }
    if (stale.length) {
      await admin.deleteAcls({ filters: stale.map((a) => ({ ...a, host: '*', permissionType: AclPermissionTypes.ALLOW })) });
    }
    await admin.createAcls({ acl: plan.acls.map((a) => ({ ...a, host: '*', permissionType: AclPermissionTypes.ALLOW })) });
    // ACLs reach the brokers' authorizers through the metadata log, a moment after the controller
    // takes them: wait until the broker answers with every one, or a service started right after
    // would be refused (its idempotent producer asks for a topic it may write).
    const allWanted = new Set(plan.acls.map(aclKey));
    for (const deadline = Date.now() + 30_000; ; ) {
      const described = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      const present = new Set(
        described.resources.flatMap((r) =>
          r.acls.map((a) => aclKey({ principal: a.principal, resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, operation: a.operation })),
        ),
      );
      if ([...allWanted].every((k) => present.has(k))) break;
      if (Date.now() > deadline) throw new Error('the broker does not show every ACL 30 s after they were created');
      await new Promise((r) => setTimeout(r, 200));
    }
    return plan;
  } finally {
    await admin.disconnect();
  }
}

async function main(args: string[]): Promise<number> {
  const file = argument(args, '--federation');
  const brokers = argument(args, '--brokers') ?? process.env.KAFKA_BROKERS;
  if (!file || !brokers || !process.env.KAFKA_ADMIN_PASSWORD) {
    console.error('usage: provision.ts --federation <file> --brokers <host:port> [--federation-prefix <p>]   (KAFKA_ADMIN_PASSWORD, KAFKA_PASSWORD_<CODE> in the environment)');
    return 2;
  }
  const federation = readFederation(readFileSync(file, 'utf8'));
  const keys = [
    ...Object.keys(federation.administrations),
    ...Object.values(federation.administrations).flatMap((a) => (a.agencies ?? []).map((g) => agencyPasswordKey(g.user))),
  ];
  const passwords = Object.fromEntries(keys.flatMap((k) => (process.env[`KAFKA_PASSWORD_${k}`] ? [[k, process.env[`KAFKA_PASSWORD_${k}`]!]] : [])));
  const plan = await provision({
    federation,
    brokers,
    federationPrefix: argument(args, '--federation-prefix'),
    admin: { user: process.env.KAFKA_ADMIN_USER ?? 'admin', password: process.env.KAFKA_ADMIN_PASSWORD },
    passwords,
  });
  for (const m of plan.members) {
    console.log(`${m.administration}: user ${m.user}, namespace ${m.namespace}, FEDERATION_MEMBERS=${[m.administration, ...m.partners].join(',')}`);
  }
  for (const a of plan.agencies) console.log(`agency ${a.user} (${a.name}): reads ${a.topic}`);
  console.log(`${plan.topics.length} topics, ${plan.acls.length} ACLs`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`provision: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
