import { nodeFlagsOf, SERVICE_PROCESS_ENV } from '@aeo/messaging';
import { generateSigningKeyPair } from '@aeo/mra-exchange';
import { loadConfig } from '@aeo/platform';
import { createTestDatabase, TestDatabase } from '@aeo/testing';
import Ajv, { ValidateFunction } from 'ajv';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { SERVICE_DEFINITIONS } from '../../apps/launcher/src/services';
import { migrateAll, SERVICE_DATABASES } from '../../apps/launcher/src/migrate';
import { readFederation } from '../kafka/provision';
import { kafkaResources, renderKafkaResources } from './kafka-resources';

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };

const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'deploy', 'k8s');
const FEDERATION = readFederation(readFileSync(join(ROOT, 'deploy', 'federation.json'), 'utf8'));
const ADMINISTRATIONS = ['ZA', 'BW'];

/** kubectl's built-in Kustomize renders an overlay (no cluster needed); once per overlay and run. */
const rendered = new Map<string, Doc[]>();
function render(dir: string): Doc[] {
  if (!rendered.has(dir)) {
    const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
    rendered.set(dir, parseAllDocuments(text).map((d) => d.toJSON() as Doc));
  }
  return rendered.get(dir)!;
}

/** The Kubernetes API schemas (kubernetes-models), by apiVersion and kind. */
const CORE: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
};

/**
 * Kubernetes manifests for one administration (Kustomize: deploy/k8s/base and an overlay per
 * administration), rendered for ZA and BW and checked against the Kubernetes schemas
 * (kubernetes-models) and Strimzi's (its KafkaTopic and KafkaUser CRDs, written by Strimzi's own
 * generator from Maven Central); then what a pod gets is given to each service's configuration
 * loader, and the migrations Job's command is run on a fresh database.
 */
describe('the Kubernetes manifests, rendered for ZA and BW', () => {
  const strimzi = new Map<string, ValidateFunction>();
  let database: TestDatabase | undefined;

  beforeAll(() => {
    // A folder of the checkout's (git-ignored tmp/): crds.sh keeps what it wrote there, so Maven and Java run once.
    const out = join(ROOT, 'tmp', 'strimzi-crds-1.2.0');
    execFileSync('bash', [join(K8S, 'strimzi', 'crds.sh'), out], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const file of ['kafkatopic.yaml', 'kafkauser.yaml']) {
      const crd = parseAllDocuments(readFileSync(join(out, file), 'utf8'))[0].toJSON();
      for (const version of crd.spec.versions) strimzi.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
    }
  }, 320_000);
  afterAll(async () => {
    await database?.drop();
  });

  /** The problems of a resource against its schema; a kind without a schema is one. */
  function problemsOf(doc: Doc): string[] {
    const key = `${doc.apiVersion}/${doc.kind}`;
    const core = CORE[key];
    if (core) {
      try {
        new core(doc).validate();
        return [];
      } catch (e) {
        return [`${doc.kind} ${doc.metadata.name}: ${(e as Error).message}`];
      }
    }
    const validate = strimzi.get(key);
    const label = `${doc.kind} ${doc.metadata.name}`;
    if (!validate) return [`${label}: no schema for ${key}`];
    if (validate(doc)) return [];
    return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath} ${e.message}`);
  }

  it('the schemas refuse what they should (the check can fail)', () => {
    expect(problemsOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } }))
      .toEqual([expect.stringContaining('replicas must be integer')]);
    expect(problemsOf({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 'x' }, spec: { partitions: 'three' } }))
      .toEqual([expect.stringContaining('/spec/partitions must be integer')]);
    const user = kafkaResources(FEDERATION, 'ZA').find((r) => r.kind === 'KafkaUser') as Doc;
    const forged = { ...user, spec: { ...user.spec, authorization: { type: 'simple', acls: [{ resource: { type: 'topic', name: 'x', patternType: 'literal' }, operations: ['Fly'] }] } } };
    expect(problemsOf(forged).join('\n')).toMatch(/operations\/0 must be equal to one of the allowed values/);
    expect(problemsOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toEqual(['Pod x: no schema for v1/Pod']);
  });

  for (const administration of ADMINISTRATIONS) {
    const code = administration.toLowerCase();

    it(`${administration}: every resource valid, each service a Deployment with probes and resources, a PDB, an HPA, a Service; migrations as a Job; secrets from Secrets`, () => {
      const docs = render(join(K8S, 'administrations', code));
      expect(docs.flatMap(problemsOf)).toEqual([]);
      expect(docs.every((d) => d.kind === 'Namespace' || d.metadata.namespace === `aeo-${code}`)).toBe(true);
      const of = (kind: string) => docs.filter((d) => d.kind === kind);
      const deployments = of('Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual(SERVICE_DEFINITIONS.map((s) => s.name).sort());
      const config = of('ConfigMap')[0];
      expect(config.data).toMatchObject({ ADMINISTRATION: administration, TOPIC_NAMESPACE: code, KAFKA_SASL_USERNAME: code });
      expect(config.metadata.name).toMatch(/^aeo-config-[a-z0-9]{10}$/);
      expect(Object.keys(config.data)).not.toEqual(expect.arrayContaining(['DATABASE_URL']));
      for (const d of deployments) {
        const name = d.metadata.name;
        const [container] = d.spec.template.spec.containers;
        expect(container.image).toBe('ghcr.io/aeo-registry/aeo-registry:0.1.0');
        expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        // Kustomize named the generated ConfigMap with its content hash and every reference follows it.
        expect(container.envFrom).toEqual([{ configMapRef: { name: config.metadata.name } }]);
        // Nothing secret in the ConfigMap (above) or as a literal: each secret comes from a Secret; the only literals are the allocator's settings.
        for (const env of container.env) if (!(env.name in SERVICE_PROCESS_ENV)) expect(env.value).toBeUndefined();
        expect(of('PodDisruptionBudget').find((p) => p.metadata.name === name)?.spec.selector.matchLabels).toEqual(d.spec.selector.matchLabels);
        expect(of('HorizontalPodAutoscaler').find((h) => h.metadata.name === name)?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
        expect(of('Service').find((s) => s.metadata.name === name)?.spec.selector).toEqual(d.spec.selector.matchLabels);
      }
      const [job] = of('Job');
      // The image holds `npm run build`'s JavaScript (dist/node), which test/e2e/compiled.e2e-spec.ts starts.
      expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'dist/node/apps/launcher/src/migrate.js']);
    });

    it(`${administration}: what each pod gets is a configuration its service accepts`, () => {
      const docs = render(join(K8S, 'administrations', code));
      const config = docs.find((d) => d.kind === 'ConfigMap')!.data as Record<string, string>;
      const { privateKeyPem } = generateSigningKeyPair();
      // Stand-ins for the Secrets an operator creates (the overlay's kustomization.yaml lists them).
      const secrets: Record<string, string> = {
        'aeo-database/url': 'postgres://aeo@db.example:5432/aeo',
        'aeo-kafka/password': 'a-long-scram-password',
        'aeo-signing-keys/mra-signing-key': privateKeyPem,
        'aeo-signing-keys/credential-signing-key': privateKeyPem,
        'aeo-smtp/url': 'smtp://mail.example:25',
      };
      for (const d of docs.filter((x) => x.kind === 'Deployment')) {
        const [container] = d.spec.template.spec.containers;
        const env: Record<string, string> = { ...config };
        // The allocator's settings as the launcher gives a service process.
        expect(container.env.filter((e: { value?: string }) => e.value !== undefined)).toEqual(Object.entries(SERVICE_PROCESS_ENV).map(([name, value]) => ({ name, value })));
        for (const e of container.env.filter((x: { valueFrom?: unknown }) => x.valueFrom)) {
          const ref = e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef;
          const value = e.valueFrom.secretKeyRef ? secrets[`${ref.name}/${ref.key}`] : config[ref.key];
          expect(value).toBeDefined();
          env[e.name] = value;
        }
        const definition = SERVICE_DEFINITIONS.find((s) => s.name === d.metadata.name)!;
        // Started with its definition's V8 flags, as the launcher and the bench start it.
        expect(container.command).toEqual(['node', ...nodeFlagsOf(definition), `dist/node/apps/${definition.name}/src/main.js`]);
        const loaded = loadConfig(definition.configClass, env) as unknown as Record<string, unknown>;
        expect(loaded).toMatchObject({ ADMINISTRATION: administration, HTTP_PORT: 3000, KAFKA_SASL_USERNAME: code });
      }
    });

    it(`${administration}: its topics and Kafka users as Strimzi resources, generated from the federation file and current`, () => {
      const committed = readFileSync(join(K8S, 'administrations', code, 'kafka', 'kafka.yaml'), 'utf8');
      expect(committed).toBe(renderKafkaResources(FEDERATION, administration));
      const docs = render(join(K8S, 'administrations', code, 'kafka'));
      expect(docs.flatMap(problemsOf)).toEqual([]);
      expect(docs.every((d) => d.metadata.namespace === 'kafka' && d.metadata.labels?.['strimzi.io/cluster'] === 'aeo-federation')).toBe(true);
      const topics = docs.filter((d) => d.kind === 'KafkaTopic').map((d) => d.spec);
      expect(topics).toContainEqual({ topicName: `federation.mra-exchange.records.${administration}.to.${administration === 'ZA' ? 'BW' : 'ZA'}.v2`, partitions: 1, replicas: 3, config: { 'min.insync.replicas': 2 } });
      expect(topics).toContainEqual(expect.objectContaining({ topicName: `${code}.accreditation.authorisation-status-changed.v1`, partitions: 3 }));
      // Nobody else's topics: its own and its channels out.
      expect(topics.every((t) => t.topicName.startsWith(`${code}.`) || t.topicName.includes(`.${administration}.to.`))).toBe(true);
      const users = docs.filter((d) => d.kind === 'KafkaUser');
      expect(users.map((u) => u.metadata.name)).toEqual(administration === 'ZA' ? ['za', 'za-environment'] : ['bw']);
      const acls = users[0].spec.authorization.acls as { resource: { name: string }; operations: string[] }[];
      const partner = administration === 'ZA' ? 'BW' : 'ZA';
      expect(acls.find((a) => a.resource.name === `federation.mra-exchange.records.${administration}.to.${partner}.v2`)?.operations).toEqual(['Write', 'Describe']);
      expect(acls.find((a) => a.resource.name === `federation.mra-exchange.records.${partner}.to.${administration}.v2`)?.operations).toEqual(['Read', 'Describe']);
    });
  }

  it("the migrations Job's command brings a fresh database to every service's schema, and a second run has nothing to do", async () => {
    database = await createTestDatabase('aeo_k8s_migrate');
    const lines: string[] = [];
    await migrateAll(database.url, (l) => lines.push(l));
    expect(lines).toHaveLength(SERVICE_DATABASES.length);
    const again: string[] = [];
    await migrateAll(database.url, (l) => again.push(l));
    expect(again).toEqual(SERVICE_DATABASES.map((d) => `${d.schema}: nothing to run`));
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT table_schema, count(*)::int AS n FROM information_schema.tables WHERE table_schema = ANY($1) GROUP BY 1 ORDER BY 1`, [SERVICE_DATABASES.map((d) => d.schema)]);
      expect(rows.map((r) => r.table_schema).sort()).toEqual(SERVICE_DATABASES.map((d) => d.schema).sort());
      expect(rows.every((r) => r.n > 3)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
