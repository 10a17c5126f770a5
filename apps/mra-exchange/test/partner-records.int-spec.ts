import { fromBinary } from '@bufbuild/protobuf';
import { DataSource } from 'typeorm';
import {
  AeoType,
  EnvelopeSchema,
  Events,
  ExchangeRequest,
  ExchangeRequestKind,
  ExchangeRequestSchema,
  SignedExchangeRequestSchema,
  Headers,
} from '@aeo/contracts';
import { publishEvent, readDeadLetters, TestService, registeredOperator } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { generateSigningKeyPair } from '../src';
import { ArrangementsService } from '../src/arrangements/arrangements.service';
import { signedRecord as signed, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();
const impostor = generateSigningKeyPair();

const signedRecord = (fields: Parameters<typeof signed>[0], key = za.privateKeyPem) => signed(fields, key);

describe('mra-exchange: records from partners, verified before they are stored', () => {
  let t: TestService;
  const supervisor = tokenFor('BW', ['supervisor']);

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'BW', ...bw }, { administration: 'ZA', ...za }, { FEDERATION_MEMBERS: 'ZA,BW,NA' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A record on the channel from `from` to BW, sent by `administration` (the channel's owner unless a test says otherwise). */
  const send = (from: string, message: ReturnType<typeof signedRecord>, administration = from, key: string = randomUUID()) =>
    publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'record', value: message } }] }, { aggregateId: key, administration, from, recipient: 'BW' });
  /** A record of ZA's sequence addressed to others: BW gets only its number and hash. */
  const sendWithheld = (sequence: number) =>
    publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'withheld', value: { sequence: BigInt(sequence), leafHash: randomBytes(32) } } }] }, { aggregateId: randomUUID(), administration: 'ZA', recipient: 'BW' });

  const ask = (tin: string, issuer = 'ZA') =>
    call('GET', `${t.url}/recognitions?issuer=${issuer}&scheme=TIN&identifier=${tin}`, { token: tokenFor('BW', ['partner']) });

  it('stores a genuine record and answers the partner question from it', async () => {
    await send('ZA', signedRecord({ sequence: 1, tin: '1000000001' }));
    await eventually(async () => expect((await ask('1000000001')).body).toMatchObject({ recognised: true, aeoType: 'AEO-F', benefits: ['priority-clearance'] }));
  });

  it('dead-letters forged, tampered, out-of-scope and mislabelled records, and an unknown issuer\'s once held too long, with the reason', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      const forged = signedRecord({ sequence: 2, tin: '1000000002' }, impostor.privateKeyPem);
      const tampered = signedRecord({ sequence: 3, tin: '1000000003' });
      tampered.record = Buffer.from(tampered.record);
      tampered.record[tampered.record.length - 1] ^= 1;
      const outOfScope = signedRecord({ sequence: 4, tin: '1000000004', aeoType: AeoType.C });
      const unknownIssuer = signedRecord({ issuer: 'NA', sequence: 1, tin: '1000000005' }, impostor.privateKeyPem);
      const mislabelled = signedRecord({ sequence: 5, tin: '1000000006' });
      await send('ZA', forged, 'ZA', 'forged');
      await send('ZA', tampered, 'ZA', 'tampered');
      await send('ZA', outOfScope, 'ZA', 'out-of-scope');
      await send('NA', unknownIssuer, 'NA', 'unknown-issuer');
      await send('ZA', mislabelled, 'NA', 'mislabelled');
      await eventually(() => expect(dead.messages).toHaveLength(4));
      // NA may simply be early (its MRA with BW not recorded here yet): held, until it has been held too long.
      await eventually(async () => expect(await t.db.query(`SELECT hold_key FROM mra_exchange.held_message`)).toEqual([{ hold_key: 'partner:NA' }]));
      await t.db.query(`UPDATE mra_exchange.held_message SET held_at = now() - interval '31 days'`);
      await t.service.app.get(ArrangementsService).openDueAndRelease();
      await eventually(() => expect(dead.messages).toHaveLength(5));
      expect(await t.db.query(`SELECT * FROM mra_exchange.held_message`)).toEqual([]);
      const reasons = Object.fromEntries(dead.messages.map((m) => [m.key, m.headers[Headers.deadLetterReason]]));
      expect(reasons.forged).toMatch(/signature of ZA record 2 does not verify/);
      expect(reasons.tampered).toMatch(/does not verify|undecodable/);
      expect(reasons['out-of-scope']).toMatch(/out of scope: no MRA with ZA covers its AEO-C/);
      expect(reasons['unknown-issuer']).toMatch(/held since .* and never released: no active MRA with NA here yet/);
      expect(reasons.mislabelled).toMatch(/sender NA does not match the channel .*\.ZA\.to\.BW\./);
      for (const tin of ['1000000002', '1000000004', '1000000005']) expect((await ask(tin, tin === '1000000005' ? 'NA' : 'ZA')).body.recognised).toBe(false);
    } finally {
      await dead.subscription.close();
    }
  });

  it('detects a gap in the issuer sequence, asks the issuer for a replay, and closes the gap with what comes', async () => {
    const requests: ExchangeRequest[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.za-requests`,
      topics: [t.topics.of(Events.exchangeRequests, { from: 'BW', to: 'ZA' })],
      handle: async (m) =>
        void requests.push(fromBinary(ExchangeRequestSchema, fromBinary(SignedExchangeRequestSchema, fromBinary(EnvelopeSchema, m.value).payload).request)),
    });
    try {
      await send('ZA', signedRecord({ sequence: 9, tin: '1000000009' }));
      await eventually(async () => expect((await ask('1000000009')).body.recognised).toBe(true));
      const progress = () =>
        t.service.app.get(DataSource).query(`SELECT last_sequence, missing_sequences FROM issuer_progress WHERE issuer = 'ZA'`);
      expect((await progress())[0]).toEqual({ last_sequence: '9', missing_sequences: ['2', '3', '4', '5', '6', '7', '8'] });
      // The exchange's health per partner, as Prometheus reads it.
      const metric = async (name: string) => {
        const line = (await (await fetch(`${t.url}/metrics`)).text()).split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('issuer="ZA"'));
        return line ? Number(line.split(' ').at(-1)) : undefined;
      };
      expect(await metric('aeo_exchange_last_sequence')).toBe(9);
      expect(await metric('aeo_exchange_open_gaps')).toBe(7);
      expect(await metric('aeo_exchange_last_received_age_seconds')).toBeLessThan(60);
      await eventually(() => expect(requests.filter((r) => r.kind === ExchangeRequestKind.REPLAY)).toHaveLength(1));
      expect(requests.find((r) => r.kind === ExchangeRequestKind.REPLAY)).toMatchObject({ requester: 'BW', issuer: 'ZA', fromSequence: 2n });

      // ZA answers the replay (the forged and out-of-scope ones of the test above were never stored);
      // 5 and 6 were addressed to others, and come withheld: their numbers close the gap all the same.
      for (const sequence of [2, 3, 4, 7, 8]) await send('ZA', signedRecord({ sequence, tin: `20000000${sequence}` }));
      for (const sequence of [5, 6]) await sendWithheld(sequence);
      await eventually(async () => expect((await progress())[0]).toEqual({ last_sequence: '9', missing_sequences: [] }));
      expect(await metric('aeo_exchange_open_gaps')).toBe(0);
      // A duplicate of a record already held changes nothing.
      await send('ZA', signedRecord({ sequence: 9, tin: '1000000009' }));
      await send('ZA', signedRecord({ sequence: 10, tin: '1000000010' }));
      await eventually(async () => expect((await progress())[0].last_sequence).toBe('10'));
      const count = await t.service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM received_record WHERE issuer = 'ZA' AND sequence = 9`);
      expect(count[0].n).toBe(1);

      // A record meant for another partner of ZA is not stored here, but its place in the sequence is counted.
      await send('ZA', signedRecord({ sequence: 11, tin: '1000000011', audience: ['NA'] }));
      await send('ZA', signedRecord({ sequence: 12, tin: '1000000012' }));
      await eventually(async () => expect((await progress())[0]).toEqual({ last_sequence: '12', missing_sequences: [] }));
      expect((await ask('1000000011')).body).toMatchObject({ recognised: false, reason: expect.stringMatching(/no AEO of ZA is known/) });
      expect((await ask('1000000012')).body.recognised).toBe(true);

      // The exchange's health per partner, as the dashboard shows it: what came, what is missing, what was refused.
      const partners = (await call('GET', `${t.url}/figures`, { token: supervisor })).body.partners;
      expect(partners.map((p: { partner: string }) => p.partner)).toEqual(['ZA', 'NA']);
      expect(partners[0]).toMatchObject({ partner: 'ZA', lastReceived: 12, openGaps: 0, lastReceivedAt: expect.any(String), unsent: expect.any(Number) });
      expect(Object.values(partners[0].deadLetters as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(4);
      expect(partners[1]).toMatchObject({ partner: 'NA', lastReceived: 0, deadLetters: { held_expired: 1 } });
    } finally {
      await subscription.close();
    }
  });

  it('answers up to 1,000 operators at once, in the order asked, and maps a local identifier through the cross-reference', async () => {
    // An operator registered in BW's own registry, with the identifier ZA gave it.
    const localOperator = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId: localOperator,
      legalName: 'Operator 1000000001 (BW branch)',
      address: { street: 'Plot 1', city: 'Gaborone', postalCode: '0000', country: 'BW' },
      identifiers: [
        { scheme: 'TIN', value: 'B77001', issuer: 'BW' },
        { scheme: 'TIN', value: '1000000001', issuer: 'ZA' },
      ],
      registeredBy: 'trader-bw',
    }), { aggregateId: localOperator, administration: 'BW' });
    const partner = tokenFor('BW', ['partner']);
    await eventually(async () => {
      const r = await call('GET', `${t.url}/recognitions?issuer=ZA&scheme=TIN&identifier=B77001&identifierIssuer=BW`, { token: partner });
      expect(r.body).toMatchObject({ recognised: true, asked: { identifierIssuer: 'BW', identifier: 'B77001' } });
    });

    const batch = await call('POST', `${t.url}/recognitions/batch`, {
      token: partner,
      body: {
        operators: [
          { issuer: 'ZA', scheme: 'TIN', identifier: '1000000001' },
          { issuer: 'ZA', scheme: 'TIN', identifier: 'nobody' },
          { issuer: 'ZA', scheme: 'TIN', identifier: 'B77001', identifierIssuer: 'BW' },
          { issuer: 'ZA', scheme: 'TIN', identifier: 'B99999', identifierIssuer: 'BW' },
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.map((a: { recognised: boolean }) => a.recognised)).toEqual([true, false, true, false]);
    expect(batch.body[1].reason).toMatch(/no AEO of ZA is known by TIN nobody/);
    expect(batch.body[3].reason).toMatch(/not in this registry's cross-reference/);

    const tooMany = await call('POST', `${t.url}/recognitions/batch`, {
      token: partner,
      body: { operators: Array.from({ length: 1001 }, () => ({ issuer: 'ZA', scheme: 'TIN', identifier: '1' })) },
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body.message)).toMatch(/operators must contain no more than 1000 elements/);
    const full = await call('POST', `${t.url}/recognitions/batch`, {
      token: partner,
      body: { operators: Array.from({ length: 1000 }, (_, i) => ({ issuer: 'ZA', scheme: 'TIN', identifier: i === 999 ? '1000000001' : `x${i}` })) },
    });
    expect(full.status).toBe(200);
    expect(full.body).toHaveLength(1000);
    expect(full.body[999].recognised).toBe(true);

    // The figures: what is held of ZA's AEOs (latest record per AEO), and how far ZA has been received.
    const figures = await call('GET', `${t.url}/figures`, { token: tokenFor('BW', ['supervisor']) });
    expect(figures.status).toBe(200);
    expect(figures.body.partnerAeosValid).toBeGreaterThanOrEqual(1);
    expect(figures.body.partnerAeos).toEqual(expect.arrayContaining([expect.objectContaining({ issuer: 'ZA', status: 'valid' })]));
    expect(figures.body.partnerAeosValid).toBe(
      figures.body.partnerAeos.filter((r: { status: string }) => r.status === 'valid').reduce((n: number, r: { n: number }) => n + r.n, 0),
    );
    expect(figures.body.issuers).toEqual(expect.arrayContaining([expect.objectContaining({ issuer: 'ZA', missing: 0 })]));
    expect((await call('GET', `${t.url}/figures`, { token: partner })).status).toBe(403);
  });

  it('validates arrangements and queries, 400 with the field named', async () => {
    const bad = await call('POST', `${t.url}/arrangements`, {
      token: supervisor,
      body: {
        name: 'bad',
        parties: [
          { administration: 'ZA', recognisedAeoTypes: ['S'], publicKey: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----', keyId: 'k' },
          { administration: 'NA', recognisedAeoTypes: ['S'], publicKey: za.publicKeyPem, keyId: 'k2' },
        ],
        benefits: ['free-lunch'],
        effectiveFrom: '2023-02-30',
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/benefits/);
    const notParty = await call('POST', `${t.url}/arrangements`, {
      token: supervisor,
      body: {
        name: 'not ours',
        parties: [
          { administration: 'ZA', recognisedAeoTypes: ['S'], publicKey: za.publicKeyPem, keyId: 'k' },
          { administration: 'NA', recognisedAeoTypes: ['S'], publicKey: za.publicKeyPem, keyId: 'k2' },
        ],
        benefits: [],
        effectiveFrom: '2023-05-31',
      },
    });
    expect(notParty.status).toBe(400);
    expect(JSON.stringify(notParty.body.message)).toMatch(/administration BW must be a party/);
    const query = await call('GET', `${t.url}/recognitions?issuer=za&identifier=1`, { token: tokenFor('BW', ['partner']) });
    expect(query.status).toBe(400);
    expect(JSON.stringify(query.body.message)).toMatch(/issuer must be an ISO 3166 alpha-2 code/);
    expect(JSON.stringify(query.body.message)).toMatch(/scheme/);
    expect((await call('GET', `${t.url}/recognitions?issuer=ZA&scheme=TIN&identifier=1`, { token: tokenFor('BW', ['trader']) })).status).toBe(403);
    const key = await call('GET', `${t.url}/signing-key`);
    expect(key.body).toMatchObject({ administration: 'BW', keyId: 'BW-1', algorithm: 'ES256' });
  });

  it("takes a record signed with a key another replica recorded a moment ago (not yet in this one's cache)", async () => {
    const [{ last }]: { last: number }[] = await t.db.query(`SELECT last_sequence::int AS last FROM mra_exchange.issuer_progress WHERE issuer = 'ZA'`);
    const rotated = generateSigningKeyPair();
    expect((await ask('1000000001')).body.recognised).toBe(true); // the arrangements are in this instance's cache now
    // Another replica rotated ZA's key: the row changed, this instance's cache was not cleared.
    const [row]: { id: string; parties: { administration: string; keyId: string; publicKeyPem: string }[] }[] = await t.db.query(`SELECT id, parties FROM mra_exchange.arrangement`);
    const parties = row.parties.map((p) =>
      p.administration === 'ZA'
        ? { ...p, keyId: 'ZA-2', publicKeyPem: rotated.publicKeyPem, previousKeys: [{ keyId: p.keyId, publicKeyPem: p.publicKeyPem, replacedOn: '2026-11-29' }] }
        : p,
    );
    await t.db.query(`UPDATE mra_exchange.arrangement SET parties = $2 WHERE id = $1`, [row.id, JSON.stringify(parties)]);
    const deadLetters = async () => (await t.db.query(`SELECT count(*)::int AS n FROM mra_exchange.dead_letter`))[0].n;
    const before = await deadLetters();
    await send('ZA', signed({ sequence: last + 1, tin: '1000000777', keyId: 'ZA-2' }, rotated.privateKeyPem));
    await eventually(async () => expect((await ask('1000000777')).body).toMatchObject({ recognised: true, evidence: { keyId: 'ZA-2' } }));
    expect(await deadLetters()).toBe(before);
  });
});
