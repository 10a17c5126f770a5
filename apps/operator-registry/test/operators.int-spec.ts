import { fromBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema, Events, OperatorRegisteredSchema } from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { signAccessToken } from '@aeo/platform';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, TEST_JWT_SECRET, tokenFor } from '@aeo/testing';
import { OPERATOR_REGISTRY } from '../src';

const body = (tin: string) => ({
  legalName: 'Ubuntu Freight (Pty) Ltd',
  address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: 'ZA' },
  identifiers: [
    { scheme: 'TIN', value: tin, issuer: 'ZA' },
    { scheme: 'EORI', value: `ZA${tin}`, issuer: 'ZA' },
  ],
  consent: { shareWithPartners: true, publishInDirectory: false },
});

describe('operator-registry on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const trader = tokenFor('ZA', ['trader'], 'trader-1');

  beforeAll(async () => {
    t = await startTestService(OPERATOR_REGISTRY);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers an operator and tells the other services through Kafka', async () => {
    const events: DeliveredMessage[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.reader`,
      topics: [t.topics.of(Events.operatorRegistered)],
      handle: async (m) => void events.push(m),
    });
    try {
      const created = await call('POST', `${t.url}/operators`, { token: trader, body: body('9012345678') });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ legalName: 'Ubuntu Freight (Pty) Ltd', consent: { shareWithPartners: true } });
      expect(created.body.identifiers).toHaveLength(2);

      await eventually(() => expect(events.map((e) => e.key)).toContain(created.body.id));
      const message = events.find((e) => e.key === created.body.id)!;
      const envelope = fromBinary(EnvelopeSchema, message.value);
      expect(envelope).toMatchObject({ administration: 'ZA', aggregateId: created.body.id, sequence: 1n });
      const registered = fromBinary(OperatorRegisteredSchema, envelope.payload);
      expect(registered).toMatchObject({ operatorId: created.body.id, legalName: 'Ubuntu Freight (Pty) Ltd', registeredBy: 'trader-1' });
      expect(message.headers['message-id']).toBe(envelope.messageId);
    } finally {
      await subscription.close();
    }
  });

  it('refuses an identifier in use by another operator, with 409', async () => {
    expect((await call('POST', `${t.url}/operators`, { token: trader, body: body('1112223334') })).status).toBe(201);
    const again = await call('POST', `${t.url}/operators`, { token: tokenFor('ZA', ['trader'], 'trader-2'), body: body('1112223334') });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body.message)).toMatch(/TIN 1112223334 .* in use by another operator/);
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...body('5556667778'), legalName: undefined }, /legalName/],
      [{ ...body('5556667778'), identifiers: [] }, /identifiers must contain at least 1/],
      [{ ...body('5556667778'), identifiers: [{ scheme: 'TIN', value: '12', issuer: 'ZA' }] }, /TIN identifier 12 is not well formed/],
      [{ ...body('5556667778'), identifiers: [{ scheme: 'EORI', value: 'BW12345', issuer: 'ZA' }] }, /must start with its issuer/],
      [{ ...body('5556667778'), identifiers: [{ scheme: 'SSN', value: '123456', issuer: 'ZA' }] }, /scheme must be one of/],
      [{ ...body('5556667778'), address: { city: 'Durban' } }, /address.street/],
      [{ ...body('5556667778'), role: 'admin' }, /property role should not exist/],
    ];
    for (const [payload, message] of cases) {
      const r = await call('POST', `${t.url}/operators`, { token: trader, body: payload });
      expect({ status: r.status, message: JSON.stringify(r.body.message) }).toEqual({ status: 400, message: expect.stringMatching(message) });
    }
    const notJson = await call('POST', `${t.url}/operators`, { token: trader, rawBody: '{"legalName": ' });
    expect(notJson.status).toBe(400);
    expect((await call('GET', `${t.url}/operators/not-a-uuid`, { token: trader })).status).toBe(400);
  });

  it('answers 401 for a missing, expired, wrongly signed or wrong-audience token, 403 for a wrong role or administration', async () => {
    const settings = { secret: TEST_JWT_SECRET, issuer: 'aeo-registry', audience: 'aeo-registry' };
    const principal = { subject: 'trader-1', roles: ['trader' as const], administration: 'ZA' };
    const post = (token?: string) => call('POST', `${t.url}/operators`, { token, body: body('7778889990') });
    expect((await post()).status).toBe(401);
    expect((await post(signAccessToken(settings, principal, -10))).status).toBe(401);
    expect((await post(signAccessToken({ ...settings, secret: 'x'.repeat(40) }, principal))).status).toBe(401);
    expect((await post(signAccessToken({ ...settings, audience: 'someone-else' }, principal))).status).toBe(401);
    expect((await post(signAccessToken({ ...settings, issuer: 'someone-else' }, principal))).status).toBe(401);
    const forbiddenRole = await post(tokenFor('ZA', ['officer']));
    expect(forbiddenRole.status).toBe(403);
    expect(forbiddenRole.body.message).toMatch(/needs one of the roles: trader/);
    const otherAdministration = await post(tokenFor('BW', ['trader']));
    expect(otherAdministration.status).toBe(403);
    expect(otherAdministration.body.message).toMatch(/serves administration ZA/);
  });

  it('lets a trader see only its own operators; staff see all of the administration', async () => {
    const created = await call('POST', `${t.url}/operators`, { token: trader, body: body('3334445556') });
    const url = `${t.url}/operators/${created.body.id}`;
    expect((await call('GET', url, { token: trader })).status).toBe(200);
    expect((await call('GET', url, { token: tokenFor('ZA', ['trader'], 'someone-else') })).status).toBe(403);
    expect((await call('GET', url, { token: tokenFor('ZA', ['officer']) })).status).toBe(200);
    expect((await call('GET', url, { token: tokenFor('ZA', ['partner']) })).status).toBe(403);
    expect((await call('GET', `${t.url}/operators/00000000-0000-4000-8000-000000000000`, { token: trader })).status).toBe(404);
  });

  it('records consent changes as new records, the newest in force', async () => {
    const created = await call('POST', `${t.url}/operators`, { token: trader, body: body('6667778889') });
    const changed = await call('PUT', `${t.url}/operators/${created.body.id}/consent`, {
      token: trader,
      body: { shareWithPartners: false, publishInDirectory: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.consent).toMatchObject({ shareWithPartners: false, publishInDirectory: true });
    const rows = await t.service.app.get(require('typeorm').DataSource).query(
      'SELECT share_with_partners FROM consent_record WHERE operator_id = $1 ORDER BY position',
      [created.body.id],
    );
    expect(rows.map((r: { share_with_partners: boolean }) => r.share_with_partners)).toEqual([true, false]);
  });

  it('serves liveness, readiness and its OpenAPI document without a token', async () => {
    expect((await call('GET', `${t.url}/health/live`)).status).toBe(200);
    const ready = await call('GET', `${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: { name: string }) => c.name).sort()).toEqual(['kafka', 'postgresql']);
    const docs = await call('GET', `${t.url}/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/operators', '/operators/{id}', '/operators/{id}/consent']));
  });
});
