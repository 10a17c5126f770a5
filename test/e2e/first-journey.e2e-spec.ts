import { call, eventually, tokenFor } from '@aeo/testing';
import {
  applyAndGrant,
  askRecognition,
  authorisationStep,
  proposeAndHear,
  recordArrangement,
  registerOperator,
  startTestFederation,
  TestFederation,
} from './support';
import { Client } from 'pg';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const kafkaScript = join(__dirname, '..', '..', 'deploy', 'kafka', 'kafka.sh');

async function rows(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('first journey: ZA grants, BW recognises, on real Kafka and PostgreSQL', () => {
  let federation: TestFederation;

  beforeAll(async () => {
    federation = await startTestFederation(['ZA', 'BW']);
    await recordArrangement(federation, { name: 'SACU regional AEO MRA' });
  });

  afterAll(async () => {
    await federation?.close();
  });

  it('a grant in ZA reaches BW signed, a suspension changes BW answer, and a past date keeps its answer', async () => {
    const { ZA, BW } = federation.admins;
    const operatorId = await registerOperator(ZA, 'trader-ubuntu', { legalName: 'Ubuntu Freight (Pty) Ltd', tin: '9012345678' });
    const authorisation = await applyAndGrant(ZA, 'trader-ubuntu', operatorId, 'F');
    expect(authorisation.certificateNumber).toMatch(/^ZAAEOF\d{7}$/);

    const recognised = await eventually(async () => {
      const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '9012345678' });
      expect(answer.recognised).toBe(true);
      return answer;
    });
    expect(recognised).toMatchObject({
      recognised: true,
      issuer: 'ZA',
      operatorName: 'Ubuntu Freight (Pty) Ltd',
      certificateNumber: authorisation.certificateNumber,
      aeoType: 'AEO-F',
      status: 'valid',
      since: new Date(authorisation.statusSince).toISOString(),
      arrangement: 'SACU regional AEO MRA',
      benefits: ['lower-risk-score', 'fewer-examinations', 'priority-clearance'],
    });
    expect(recognised.evidence.algorithm).toBe('ES256');
    const beforeSuspension = new Date().toISOString();

    const hearing = await proposeAndHear(ZA, 'trader-ubuntu', authorisation.id, 'propose_suspension');
    expect(hearing).toMatchObject({ status: 'hearing', partnerStatus: 'valid' });
    const suspended = await authorisationStep(ZA, tokenFor('ZA', ['supervisor']), authorisation.id, {
      action: 'suspend',
      reason: 'seal tampering found during a post-clearance audit',
    });
    expect(suspended.status).toBe('suspended');

    const after = await eventually(async () => {
      const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '9012345678' });
      expect(answer.status).toBe('suspended');
      return answer;
    });
    expect(after.recognised).toBe(false);
    expect(after.reason).toMatch(/suspended/);

    const past = await askRecognition(BW, { issuer: 'ZA', identifier: '9012345678', asOf: beforeSuspension });
    expect(past).toMatchObject({ recognised: true, status: 'valid' });

    // A change of legal name the holder notifies reaches the partner with the current status.
    const renamed = await call('PATCH', `${ZA.urls.operatorRegistry}/operators/${operatorId}`, {
      token: tokenFor('ZA', ['trader'], 'trader-ubuntu'),
      body: { legalName: 'Ubuntu Freight Holdings (Pty) Ltd' },
    });
    expect(renamed.status).toBe(200);
    await eventually(async () => {
      const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '9012345678' });
      expect(answer).toMatchObject({ operatorName: 'Ubuntu Freight Holdings (Pty) Ltd', status: 'suspended' });
    });

    // The record verifies offline with ZA's public key.
    const { verifyBytes, parsePublicKey } = await import('@aeo/mra-exchange');
    const latest = await askRecognition(BW, { issuer: 'ZA', identifier: '9012345678' });
    expect(
      verifyBytes(
        Buffer.from(latest.evidence.record, 'base64'),
        Buffer.from(latest.evidence.signature, 'base64'),
        parsePublicKey(federation.keys.ZA.publicKeyPem),
      ),
    ).toBe(true);
  });

  it('survives kill -9 of the Kafka broker mid-journey: the change arrives once, nothing lost, nothing doubled', async () => {
    if (process.env.KAFKA_EXTERNAL) return void console.warn('KAFKA_EXTERNAL set: the broker is not ours to kill');
    const { ZA, BW } = federation.admins;
    const operatorId = await registerOperator(ZA, 'trader-kalahari', { legalName: 'Kalahari Logistics', tin: '4455667788' });
    const authorisation = await applyAndGrant(ZA, 'trader-kalahari', operatorId, 'S');
    await eventually(async () => {
      expect((await askRecognition(BW, { issuer: 'ZA', identifier: '4455667788' })).recognised).toBe(true);
    });

    await proposeAndHear(ZA, 'trader-kalahari', authorisation.id, 'propose_suspension');
    execFileSync('bash', [kafkaScript, 'kill'], { stdio: 'inherit' });
    try {
      const suspended = await call('POST', `${ZA.urls.accreditation}/authorisations/${authorisation.id}/transitions`, {
        token: tokenFor('ZA', ['supervisor']),
        body: { action: 'suspend', reason: 'customs broker licence withdrawn' },
      });
      expect(suspended.status).toBe(201); // stored in ZA, waiting in the outbox
    } finally {
      execFileSync('bash', [kafkaScript, 'start'], { stdio: 'inherit' });
    }

    await eventually(
      async () => {
        const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '4455667788' });
        expect(answer.status).toBe('suspended');
        expect(answer.recognised).toBe(false);
      },
      { timeoutMs: 90000, intervalMs: 250 },
    );

    const received = await rows(
      federation.databases.BW.url,
      `SELECT status, sequence FROM mra_exchange.received_record WHERE issuer = 'ZA' AND operator_id = $1 ORDER BY sequence`,
      [operatorId],
    );
    expect(received.map((r) => r.status)).toEqual(['valid', 'suspended']);
    const sent = await rows(
      federation.databases.ZA.url,
      `SELECT count(*)::int AS n FROM mra_exchange.outbound_record WHERE operator_id = $1`,
      [operatorId],
    );
    expect(sent[0].n).toBe(2);
    const gaps = await rows(federation.databases.BW.url, `SELECT missing_sequences FROM mra_exchange.issuer_progress WHERE issuer = 'ZA'`);
    expect(gaps[0].missing_sequences).toEqual([]);
  });
});
