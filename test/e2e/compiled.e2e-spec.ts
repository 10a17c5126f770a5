import { generateSigningKeyPair } from '@aeo/mra-exchange';
import { call, createTestDatabase, TEST_JWT_SECRET, TEST_KAFKA_BROKERS, TestDatabase, tokenFor, uniqueNamespace } from '@aeo/testing';
import { readFileSync } from 'node:fs';
import { freePort, SERVICE_DEFINITIONS, ServiceProcess, spawnService } from '@aeo/launcher';
import { nodeFlagsOf } from '@aeo/messaging';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Production runs the services as JavaScript (`npm run build`, dist/node; the Kubernetes
 * manifests' command), not TypeScript compiled at every start. Built here, each of one
 * administration's five services starts from it on real PostgreSQL and Kafka and answers.
 */
describe('the services built as JavaScript', () => {
  let database: TestDatabase;
  const started: ServiceProcess[] = [];

  beforeAll(async () => {
    // `npm run build`, as an image's build would run it.
    const output = execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 120_000 });
    const [, compiled, copied] = /build: (\d+) files compiled, (\d+) copied/.exec(output) ?? [];
    expect(Number(compiled)).toBeGreaterThan(300);
    expect(Number(copied)).toBeGreaterThanOrEqual(1); // the SAQ's default questionnaire
    database = await createTestDatabase('aeo_compiled');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    await database?.drop();
  });

  it('start from dist/node, every one ready, and answer (decorators, @aeo paths and the questionnaire file compiled in)', async () => {
    const namespace = uniqueNamespace('compiled');
    for (const definition of SERVICE_DEFINITIONS) {
      started.push(
        await spawnService(definition.name, {
          ADMINISTRATION: 'ZA',
          HTTP_PORT: String(await freePort()),
          DATABASE_URL: database.url,
          KAFKA_BROKERS: TEST_KAFKA_BROKERS,
          TOPIC_NAMESPACE: namespace,
          FEDERATION_TOPIC_PREFIX: namespace,
          JWT_SECRET: TEST_JWT_SECRET,
          MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem,
          FEDERATION_MEMBERS: 'ZA,BW',
          LOG_LEVEL: 'warn',
        }, undefined, { compiled: true, nodeFlags: nodeFlagsOf(definition) }),
      );
    }
    for (const s of started) expect(readFileSync(`/proc/${s.child.pid}/cmdline`, 'utf8')).toContain(`dist/node/apps/${s.name}/src/main.js`);
    const accreditation = started.find((s) => s.name === 'accreditation')!;
    const criteria = await call('GET', `${accreditation.url}/saq/criteria?aeoType=S`, { token: tokenFor('ZA', ['officer']), headers: { 'accept-language': 'fr' } });
    expect(criteria.status).toBe(200);
    expect(criteria.body.find((c: { code: string }) => c.code === 'premises-security').title).toBe('Sûreté des locaux');
    const registry = started.find((s) => s.name === 'operator-registry')!;
    const bad = await call('POST', `${registry.url}/operators`, { token: tokenFor('ZA', ['trader'], 'trader-compiled'), body: { legalName: '' } });
    expect(bad.status).toBe(400); // class-validator's metadata survived compilation
    const arrangements = await call('GET', `${started.find((s) => s.name === 'mra-exchange')!.url}/arrangements`, { token: tokenFor('ZA', ['supervisor']) });
    expect(arrangements.status).toBe(200);
  });
});
