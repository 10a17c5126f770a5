import { importRegister, registerFiles } from '@aeo/launcher';
import { call, eventually, tokenFor } from '@aeo/testing';
import { recordArrangement, sqlRows, startTestFederation, TestFederation } from './support';

const OPERATORS = 'legal_name,identifiers,street,city,postal_code,country,share_with_partners,publish_in_directory';
const AUTHORISATIONS = 'operator,aeo_type,certificate_number,authorised_on,valid_to';

/**
 * An administration with AEOs before the registry brings them in by import, and partners hold
 * them as they hold granted ones; a trader of the partner then checks its suppliers, and learns
 * only what the holders consented to publish.
 */
describe('onboarding: existing registers imported, suppliers checked across the MRA', () => {
  let federation: TestFederation;

  beforeAll(async () => {
    federation = await startTestFederation(['ZA', 'BW']);
    await recordArrangement(federation, { name: 'ZA-BW MRA' });
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
  });

  it("imports ZA's register, BW holds the shared AEOs, and a BW trader's supplier check shows only the published ones", async () => {
    const za = federation.admins.ZA;
    const bw = federation.admins.BW;
    await importRegister(
      za.urls,
      {
        operators: [
          OPERATORS,
          'Published Freight,TIN:ZA:9011100001,1 Dock Road,Durban,4001,ZA,yes,yes',
          'Discreet Freight,TIN:ZA:9011100002,2 Dock Road,Durban,4001,ZA,yes,no',
          'Customs Only Traders,TIN:ZA:9011100003,3 Dock Road,Durban,4001,ZA,yes,yes',
          'Private Carriers,TIN:ZA:9011100004,4 Dock Road,Durban,4001,ZA,no,no',
        ].join('\n'),
        authorisations: [
          AUTHORISATIONS,
          'TIN:ZA:9011100001,F,ZAAEOF0500001,2012-04-01,2029-03-31',
          'TIN:ZA:9011100002,S,ZAAEOS0500002,2015-04-01,2029-03-31',
          'TIN:ZA:9011100003,C,ZAAEOC0500003,2016-04-01,2029-03-31',
          'TIN:ZA:9011100004,F,ZAAEOF0500004,2017-04-01,2029-03-31',
        ].join('\n'),
        personnel: 'operator,name,role,started_on\nTIN:ZA:9011100001,Thandi Nkosi,security manager,2020-01-01\n',
        firstTin: '9011100001',
        holders: [],
      },
      tokenFor('ZA', ['supervisor'], 'supervisor-za'),
      'za-legacy',
    );
    // BW's own register: one AEO, published.
    const own = registerFiles('BW', 1);
    await importRegister(bw.urls, own, tokenFor('BW', ['supervisor'], 'supervisor-bw'), 'bw-legacy');

    // BW holds what the MRA covers and the holders agreed to share: the two AEO-F/S with consent; not the AEO-C, not the one without consent.
    const held = () => sqlRows<{ certificate_number: string; published_in_directory: boolean }>(
      federation.databases.BW.url,
      `SELECT certificate_number, published_in_directory FROM mra_exchange.received_record WHERE issuer = 'ZA' ORDER BY certificate_number`,
    );
    await eventually(async () => expect((await held()).map((r) => r.certificate_number)).toEqual(['ZAAEOF0500001', 'ZAAEOS0500002']), { timeoutMs: 60_000 });
    expect((await held()).map((r) => r.published_in_directory)).toEqual([true, false]);

    const ask = (roles: string[], suppliers: { issuer: string; scheme: string; identifier: string }[]) =>
      call('POST', `${bw.urls.mraExchange}/supplier-checks`, { token: tokenFor('BW', roles as never, `${roles[0]}-bw-7`), body: { suppliers } });
    const suppliers = [
      { issuer: 'ZA', scheme: 'TIN', identifier: '9011100001' },
      { issuer: 'ZA', scheme: 'TIN', identifier: '9011100002' },
      { issuer: 'ZA', scheme: 'TIN', identifier: '9011100003' },
      { issuer: 'ZA', scheme: 'TIN', identifier: '9011100004' },
      { issuer: 'BW', scheme: 'TIN', identifier: own.firstTin },
      { issuer: 'BW', scheme: 'TIN', identifier: '1234567890' },
    ];
    // BW's mra-exchange learns of BW's own imported AEO through BW's events (the check is rate-limited: wait on the store, then ask once).
    await eventually(async () => {
      const rows = await sqlRows<{ n: number }>(
        federation.databases.BW.url,
        `SELECT count(*)::int AS n FROM mra_exchange.holder_authorisation a JOIN mra_exchange.holder_operator o USING (operator_id)
         WHERE a.certificate_number = '${own.holders[0].certificateNumber}' AND o.publish_in_directory`,
      );
      expect(rows[0].n).toBe(1);
    }, { timeoutMs: 30_000 });
    const answers = await ask(['trader'], suppliers);
    expect(answers.status).toBe(200);
    expect(answers.body.map((a: { aeo: boolean }) => a.aeo)).toEqual([true, false, false, false, true, false]);
    expect(answers.body[0]).toEqual({
      asked: suppliers[0], aeo: true, holder: 'Published Freight', country: 'ZA', aeoType: 'AEO-F', certificateNumber: 'ZAAEOF0500001', validTo: '2029-03-31', recognisedHere: true,
    });
    expect(answers.body[4]).toMatchObject({ aeo: true, country: 'BW', certificateNumber: own.holders[0].certificateNumber });
    // An AEO that did not consent to publication is answered exactly as an unknown one.
    expect(answers.body[1]).toEqual({ asked: suppliers[1], aeo: false, reason: answers.body[5].reason });
    expect(JSON.stringify(answers.body)).not.toMatch(/Discreet|Customs Only|Private/);
    // No signed evidence in a supplier's answer: that is for customs.
    expect(JSON.stringify(answers.body)).not.toMatch(/signature|evidence/);
    // The identifier's issuer, when given, must match the operator's identifier too.
    const byIssuer = await ask(['trader'], [
      { issuer: 'BW', scheme: 'TIN', identifier: own.firstTin, identifierIssuer: 'BW' },
      { issuer: 'BW', scheme: 'TIN', identifier: own.firstTin, identifierIssuer: 'NA' },
    ] as never);
    expect(byIssuer.body.map((a: { aeo: boolean }) => a.aeo)).toEqual([true, false]);
    // An agency reads the same; a partner officer of another administration may not.
    expect((await ask(['agency'], suppliers.slice(0, 1))).body[0].aeo).toBe(true);
    expect((await call('POST', `${bw.urls.mraExchange}/supplier-checks`, { token: tokenFor('ZA', ['trader']), body: { suppliers } })).status).toBe(403);
    // Bad input is named.
    const bad = await ask(['trader'], [{ issuer: 'Botswana', scheme: 'TIN', identifier: '' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/issuer must be an ISO 3166 alpha-2 code/);
    expect((await ask(['trader'], Array.from({ length: 201 }, () => suppliers[0]))).status).toBe(400);
    // Rate-limited per client, as the directory is (60 a minute by default): a scraper is stopped.
    const statuses: number[] = [];
    for (let i = 0; i < 65 && !statuses.includes(429); i++) statuses.push((await ask(['trader'], suppliers.slice(0, 1))).status);
    expect(statuses).toContain(429);
  });

  it("hands an imported operator to its trader: the trader acts for it everywhere from then on", async () => {
    const za = federation.admins.ZA;
    const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-za');
    const found = await call('GET', `${za.urls.operatorRegistry}/operators?name=Private%20Carriers`, { token: supervisor });
    const operatorId: string = found.body.items[0].id;
    const trader = tokenFor('ZA', ['trader'], 'trader-private');
    // Imported without a trader: the importing supervisor held it; the company's trader could not see it.
    expect((await call('GET', `${za.urls.operatorRegistry}/operators/${operatorId}`, { token: trader })).status).toBe(403);
    const refused = await call('PUT', `${za.urls.operatorRegistry}/operators/${operatorId}/holder`, { token: trader, body: { trader: 'trader-private', note: 'me' } });
    expect(refused.status).toBe(403);
    const handed = await call('PUT', `${za.urls.operatorRegistry}/operators/${operatorId}/holder`, { token: supervisor, body: { trader: 'trader-private', note: 'letter of 2 December 2026 naming its customs manager' } });
    expect(handed.status).toBe(200);
    expect((await call('PUT', `${za.urls.operatorRegistry}/operators/${operatorId}/holder`, { token: supervisor, body: { trader: 'trader-private', note: 'again' } })).status).toBe(400);
    const changes = await call('GET', `${za.urls.operatorRegistry}/operators/${operatorId}/changes`, { token: trader });
    expect(changes.body).toEqual([expect.objectContaining({ changes: { holder: { before: 'supervisor-za', after: 'trader-private' } }, note: 'letter of 2 December 2026 naming its customs manager', notifiedBy: 'supervisor-za' })]);
    // The other services follow: the trader reads its authorisation, keeps its conduct file, gives consents and chooses representatives.
    await eventually(async () => expect((await call('GET', `${za.urls.accreditation}/operators/${operatorId}/authorisations`, { token: trader })).body).toEqual([expect.objectContaining({ certificateNumber: 'ZAAEOF0500004' })]), { timeoutMs: 30_000 });
    await eventually(async () => expect((await call('POST', `${za.urls.conductCompliance}/operators/${operatorId}/personnel`, { token: trader, body: { name: 'Naledi Mokoena', role: 'dispatcher', sensitiveAccess: ['cargo'], startedOn: '2023-01-01' } })).status).toBe(201), { timeoutMs: 30_000 });
    expect((await call('PUT', `${za.urls.operatorRegistry}/operators/${operatorId}/consent`, { token: trader, body: { shareWithPartners: true, publishInDirectory: false } })).status).toBe(200);
    expect((await call('POST', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives`, { token: trader, body: { representative: 'broker-private', acts: ['prepare'] } })).status).toBe(201);
  });
});
