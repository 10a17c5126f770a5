import { AeoType, Events } from '@aeo/contracts';
import { publishEvent, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { grantWithConsent } from './records';

/** Other agencies read the status changes of the administration's published AEOs by an HTTP cursor. */
describe('mra-exchange: the agency feed on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const agency = tokenFor('ZA', ['agency'], 'za-environment');
  const feed = (after = 0, limit = 100, token = agency) => call('GET', `${t.url}/agency-feed/changes?after=${after}&limit=${limit}`, { token });

  beforeAll(async () => {
    t = await startTestService(MRA_EXCHANGE, { MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells each status of a published AEO in order, tells agencies to forget one whose holder withdrew publication, and pages by cursor', async () => {
    const one = await grantWithConsent(t, { tin: '8800000001', legalName: 'Green Port Logistics', aeoType: AeoType.F });
    const two = await grantWithConsent(t, { tin: '8800000002', legalName: 'Clean Air Carriers', aeoType: AeoType.S });
    // The two operators' events are taken on different partitions: their entries come in either order, positions increasing.
    await eventually(async () => expect((await feed()).body.items.map((i: { operatorName: string }) => i.operatorName).sort()).toEqual(['Clean Air Carriers', 'Green Port Logistics']), { timeoutMs: 30_000 });
    const before = (await feed()).body.items;
    expect(before.map((i: { position: string }) => i.position)).toEqual(['1', '2']);
    expect(before.find((i: { operatorId: string }) => i.operatorId === one.operatorId)).toMatchObject({ aeoType: 'AEO-F', status: 'valid', published: true, identifiers: [{ scheme: 'TIN', value: '8800000001', issuer: 'ZA' }] });
    const kept = before.find((i: { operatorId: string }) => i.operatorId === one.operatorId).position;

    // The holder of the second withdraws its consent to publication (sharing with partners stays).
    await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId: two.operatorId, shareWithPartners: true, publishInDirectory: false }, { aggregateId: two.operatorId, sequence: 3 });
    // What agencies were told of it is no longer served: only that it is to be forgotten, without its name or identifiers.
    await eventually(async () => expect((await feed()).body.items.map((i: { position: string }) => i.position)).toEqual([kept, '3']), { timeoutMs: 30_000 });
    expect((await feed()).body.items[1]).toMatchObject({ position: '3', operatorId: two.operatorId, published: false, operatorName: '', identifiers: [] });
    expect(JSON.stringify((await feed()).body)).not.toContain('Clean Air Carriers');

    // A cursor: one at a time; positions removed are passed over, never given again.
    expect((await feed(0, 1)).body).toMatchObject({ next: kept, more: true });
    expect((await feed(Number(kept), 1)).body).toMatchObject({ next: '3', more: false, items: [expect.objectContaining({ position: '3' })] });
    expect((await feed(3)).body).toEqual({ items: [], next: '3', more: false });

    // A trader or a partner may not read it; a bad cursor is named.
    expect((await feed(0, 10, tokenFor('ZA', ['trader']))).status).toBe(403);
    expect((await feed(0, 10, tokenFor('ZA', ['partner']))).status).toBe(403);
    const bad = await call('GET', `${t.url}/agency-feed/changes?after=-1&limit=5000`, { token: agency });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/after must not be less than 0/), expect.stringMatching(/limit must not be greater than 1000/)]));
  });
});
