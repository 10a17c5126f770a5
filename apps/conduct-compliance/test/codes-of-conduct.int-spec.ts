import { Events } from '@aeo/contracts';
import { publishEvent, startTestService, TestService, registeredOperator } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { createHash, randomUUID } from 'node:crypto';
import { CONDUCT_COMPLIANCE } from '../src';

const TEXT = 'We refuse bribes, report insider threats and keep every customs record true.';

describe('conduct-compliance: codes of conduct, on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const trader = tokenFor('ZA', ['trader'], 'trader-coc');
  const officer = tokenFor('ZA', ['officer']);
  const operatorId = randomUUID();
  const body = { text: TEXT, adoptedOn: '2026-03-01', approvedBy: { name: 'Naledi Mokoena', function: 'managing director' } };

  beforeAll(async () => {
    t = await startTestService(CONDUCT_COMPLIANCE);
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId,
      legalName: 'Senqu Carriers',
      registeredBy: 'trader-coc',
      registeredAt: { seconds: 1767225600n, nanos: 0 },
    }), { aggregateId: operatorId });
    // Each test may run alone: the registration has arrived before any starts.
    await eventually(async () => expect((await call('GET', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: trader })).status).toBe(200));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records versions with a checksum, reviews them, and supersedes the old one', async () => {
    const v1 = await eventually(async () => {
      const r = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: trader, body });
      expect(r.status).toBe(201);
      return r.body;
    });
    expect(v1).toMatchObject({ version: 1, status: 'submitted', checksum: createHash('sha256').update(TEXT).digest('hex') });

    const noReason = await call('POST', `${t.url}/codes-of-conduct/${v1.id}/review`, { token: officer, body: { decision: 'return' } });
    expect(noReason.status).toBe(400);
    const returned = await call('POST', `${t.url}/codes-of-conduct/${v1.id}/review`, {
      token: officer,
      body: { decision: 'return', reason: 'say how insider threats are reported' },
    });
    expect(returned.body).toMatchObject({ status: 'returned', reviewReason: 'say how insider threats are reported', reviewedBy: 'officer-za' });

    const v2 = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: trader, body: { ...body, text: `${TEXT} Report to ethics@senqu.example.` } });
    expect(v2.body).toMatchObject({ version: 2, status: 'submitted' });
    const accepted = await call('POST', `${t.url}/codes-of-conduct/${v2.body.id}/review`, { token: officer, body: { decision: 'accept' } });
    expect(accepted.body.status).toBe('accepted');
    expect((await call('POST', `${t.url}/codes-of-conduct/${v2.body.id}/review`, { token: officer, body: { decision: 'accept' } })).status).toBe(409);

    const v3 = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: trader, body: { ...body, adoptedOn: '2026-06-01' } });
    expect(v3.body.version).toBe(3);
    const list = await call('GET', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: tokenFor('ZA', ['auditor']) });
    expect(list.body.map((c: { version: number; status: string }) => [c.version, c.status])).toEqual([
      [1, 'returned'],
      [2, 'accepted'], // in force until its successor is accepted
      [3, 'submitted'],
    ]);
    await call('POST', `${t.url}/codes-of-conduct/${v3.body.id}/review`, { token: officer, body: { decision: 'accept' } });
    const after = await call('GET', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: tokenFor('ZA', ['auditor']) });
    expect(after.body.map((c: { version: number; status: string }) => [c.version, c.status])).toEqual([
      [1, 'returned'],
      [2, 'superseded'],
      [3, 'accepted'],
    ]);
  });

  it('keeps traders to their own operator and answers bad input with 4xx', async () => {
    expect((await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: tokenFor('ZA', ['trader'], 'someone'), body })).status).toBe(403);
    expect((await call('POST', `${t.url}/operators/${randomUUID()}/codes-of-conduct`, { token: trader, body })).status).toBe(404);
    expect((await call('POST', `${t.url}/codes-of-conduct/${randomUUID()}/review`, { token: trader, body: { decision: 'accept' } })).status).toBe(403);
    const bad = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, {
      token: trader,
      body: { text: 'short', adoptedOn: '2026-02-30', approvedBy: { name: 'x' } },
    });
    expect(bad.status).toBe(400);
    const message = JSON.stringify(bad.body.message);
    expect(message).toMatch(/text must be 20 to 200,000 characters/);
    expect(message).toMatch(/adoptedOn/);
    expect(message).toMatch(/approvedBy.function/);
    const future = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, { token: trader, body: { ...body, adoptedOn: '2999-01-01' } });
    expect(future.status).toBe(400);
  });
});
