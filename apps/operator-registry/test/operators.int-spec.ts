import { fromBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema, Events, OperatorChangedSchema, OperatorRegisteredSchema } from '@aeo/contracts';
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
      // A new trace begins at the request (none was given); the event carries it on.
      expect(message.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

      // A caller's trace is continued: the answer and the event are children of its span.
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const traced = await fetch(`${t.url}/operators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trader}`, 'content-type': 'application/json', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
        body: JSON.stringify(body('9012345670')),
      });
      expect(traced.status).toBe(201);
      const span = traced.headers.get('traceparent')!;
      expect(span).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      const id = ((await traced.json()) as { id: string }).id;
      await eventually(() => expect(events.map((e) => e.key)).toContain(id));
      expect(events.find((e) => e.key === id)!.headers.traceparent).toBe(span);
      // A malformed traceparent starts a new trace instead.
      const fresh = await fetch(`${t.url}/operators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trader}`, 'content-type': 'application/json', traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' },
        body: JSON.stringify(body('9012345671')),
      });
      expect(fresh.headers.get('traceparent')).not.toContain('00000000000000000000000000000000');
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

  it('lists a trader its own operators, and staff this administration’s by name, a page at a time', async () => {
    const lister = tokenFor('ZA', ['trader'], 'trader-lister');
    for (const [tin, legalName] of [['5550000001', 'Zulu Freight 100% (Pty) Ltd'], ['5550000002', 'Aloe Logistics']] as const) {
      const r = await call('POST', `${t.url}/operators`, { token: lister, body: { ...body(tin), legalName } });
      expect(r.status).toBe(201);
    }
    const mine = await call('GET', `${t.url}/operators`, { token: lister });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 2, limit: 25, offset: 0 });
    expect(mine.body.items.map((o: { legalName: string }) => o.legalName)).toEqual(['Aloe Logistics', 'Zulu Freight 100% (Pty) Ltd']);
    expect(mine.body.items[0]).toMatchObject({ identifiers: expect.arrayContaining([expect.objectContaining({ scheme: 'TIN', value: '5550000002' })]), consent: { shareWithPartners: true } });

    const nobody = await call('GET', `${t.url}/operators`, { token: tokenFor('ZA', ['trader'], 'trader-with-none') });
    expect(nobody.body).toMatchObject({ items: [], total: 0 });

    // Staff search by part of the name; % and _ are letters, not patterns.
    const officer = tokenFor('ZA', ['officer']);
    const found = await call('GET', `${t.url}/operators?name=${encodeURIComponent('freight 100%')}`, { token: officer });
    expect(found.body.items.map((o: { legalName: string }) => o.legalName)).toEqual(['Zulu Freight 100% (Pty) Ltd']);
    expect((await call('GET', `${t.url}/operators?name=${encodeURIComponent('%')}&limit=100`, { token: officer })).body.items.every((o: { legalName: string }) => o.legalName.includes('%'))).toBe(true);
    const page = await call('GET', `${t.url}/operators?limit=1&offset=1`, { token: lister });
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ legalName: 'Zulu Freight 100% (Pty) Ltd' }] });

    const bad = await call('GET', `${t.url}/operators?limit=0&offset=-1`, { token: lister });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/limit must not be less than 1/);
    expect((await call('GET', `${t.url}/operators`, { token: tokenFor('ZA', ['partner']) })).status).toBe(403);
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

describe('operator-registry: company details, size class and notified changes', () => {
  let t: TestService;
  const trader = tokenFor('ZA', ['trader'], 'trader-details');

  beforeAll(async () => {
    t = await startTestService(OPERATOR_REGISTRY, { SIZE_SMALL_MAX_EMPLOYEES: '60' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const details = {
    legalName: 'Maputo Corridor Logistics',
    tradingNames: ['MCL Express'],
    address: { street: '9 N4 Road', city: 'Mbombela', postalCode: '1200', country: 'ZA' },
    identifiers: [{ scheme: 'TIN', value: '4040404040', issuer: 'ZA' }],
    roles: ['freight-forwarder', 'carrier'],
    sites: [{ name: 'Komatipoort yard', kind: 'yard', address: { street: '1 Border Road', city: 'Komatipoort', postalCode: '1340', country: 'ZA' } }],
    contacts: [{ name: 'Sipho Dlamini', role: 'compliance', email: 'sipho@mcl.example' }],
    employees: 55,
    annualTurnover: 9_000_000,
  };

  it('derives the size class from headcount and turnover with this administration limits', async () => {
    const created = await call('POST', `${t.url}/operators`, { token: trader, body: details });
    expect(created.status).toBe(201);
    // 55 employees is small here (SIZE_SMALL_MAX_EMPLOYEES=60), medium under the EU default.
    expect(created.body).toMatchObject({ sizeClass: 'small', msme: true, roles: ['freight-forwarder', 'carrier'], tradingNames: ['MCL Express'] });
    const bad = await call('POST', `${t.url}/operators`, {
      token: trader,
      body: { ...details, identifiers: [{ scheme: 'TIN', value: '4040404041', issuer: 'ZA' }], roles: ['smuggler'], contacts: [{ name: 'x', role: 'y', email: 'not-an-email' }], employees: -1 },
    });
    expect(bad.status).toBe(400);
    const message = JSON.stringify(bad.body.message);
    expect(message).toMatch(/roles/);
    expect(message).toMatch(/contacts.0.email must be an email/);
    expect(message).toMatch(/employees must not be less than 0/);
  });

  it('keeps notified changes, flags the significant ones and tells the other services', async () => {
    const created = await call('POST', `${t.url}/operators`, {
      token: trader,
      body: { ...details, identifiers: [{ scheme: 'TIN', value: '4040404042', issuer: 'ZA' }] },
    });
    const id = created.body.id;
    const events: { changed: string[]; significant: boolean }[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.changes`,
      topics: [t.topics.of(Events.operatorChanged)],
      handle: async (m) => void events.push(fromBinary(OperatorChangedSchema, fromBinary(EnvelopeSchema, m.value).payload)),
    });
    try {
      const minor = await call('PATCH', `${t.url}/operators/${id}`, { token: trader, body: { contacts: [{ name: 'Lerato', role: 'compliance', email: 'lerato@mcl.example' }] } });
      expect(minor.status).toBe(200);
      const moved = await call('PATCH', `${t.url}/operators/${id}`, {
        token: trader,
        body: { address: { street: '12 Riverside', city: 'Mbombela', postalCode: '1201', country: 'ZA' }, employees: 300 },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ address: { street: '12 Riverside' }, sizeClass: 'large', msme: false });
      const same = await call('PATCH', `${t.url}/operators/${id}`, { token: trader, body: { employees: 300 } });
      expect(same.status).toBe(400);
      expect(same.body.message).toMatch(/nothing changed/);
      // The address resent as it is, its keys in another order than jsonb keeps them: no change, nothing to reassess.
      const resent = await call('PATCH', `${t.url}/operators/${id}`, {
        token: trader,
        body: { address: { country: 'ZA', postalCode: '1201', city: 'Mbombela', street: '12 Riverside' }, note: 'as registered' },
      });
      expect(resent.status).toBe(400);
      expect(resent.body.message).toMatch(/nothing changed/);
      const explained = await call('PATCH', `${t.url}/operators/${id}`, { token: trader, body: { management: 'a new managing director, T. Dlamini', note: 'appointed 1 March' } });
      expect(explained.status).toBe(200);
      expect((await call('PATCH', `${t.url}/operators/${id}`, { token: tokenFor('ZA', ['trader'], 'other'), body: { employees: 1 } })).status).toBe(403);

      await eventually(() => expect(events).toHaveLength(3));
      expect(events.map((e) => ({ changed: e.changed, significant: e.significant }))).toEqual([
        { changed: ['contacts'], significant: false },
        { changed: ['address', 'employees'], significant: true },
        { changed: ['management'], significant: true },
      ]);
      const history = await call('GET', `${t.url}/operators/${id}/changes`, { token: tokenFor('ZA', ['auditor']) });
      expect(history.body).toHaveLength(3);
      expect(history.body[1].changes.employees).toEqual({ before: 55, after: 300 });
      expect(history.body.map((c: { note: string | null }) => c.note)).toEqual([null, null, 'appointed 1 March']); // the note is kept with its change
      expect(Object.keys(history.body[2].changes)).toEqual(['management']);
    } finally {
      await subscription.close();
    }
  });
});
