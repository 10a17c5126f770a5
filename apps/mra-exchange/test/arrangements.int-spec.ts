import { fromBinary } from '@bufbuild/protobuf';
import {
  EnvelopeSchema,
  Events,
  ExchangeRequest,
  ExchangeRequestKind,
  ExchangeRequestSchema,
  SignedExchangeRequestSchema,
  Headers,
} from '@aeo/contracts';
import { publishEvent, readDeadLetters, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { signedRecord } from './records';

const bw = generateSigningKeyPair();
const za1 = generateSigningKeyPair();
const za2 = generateSigningKeyPair();

const signed = (sequence: number, tin: string, key: string, keyId: string) => signedRecord({ sequence, tin, keyId }, key);

describe('mra-exchange: arrangements are activated by confirmation, and keys rotate', () => {
  let t: TestService;
  const supervisor = tokenFor('BW', ['supervisor']);
  let arrangementId: string;

  beforeAll(async () => {
    t = await startTestService(MRA_EXCHANGE, { ADMINISTRATION: 'BW', MRA_SIGNING_KEY: bw.privateKeyPem, FEDERATION_MEMBERS: 'ZA,BW' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (message: ReturnType<typeof signed>) =>
    publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'record', value: message } }] }, { aggregateId: randomUUID(), administration: 'ZA', recipient: 'BW' });
  const ask = (tin: string) =>
    call('GET', `${t.url}/recognitions?issuer=ZA&scheme=TIN&identifier=${tin}`, { token: tokenFor('BW', ['partner']) });

  it('covers nothing until the partner confirms, then opens the exchange', async () => {
    const created = await call('POST', `${t.url}/arrangements`, {
      token: supervisor,
      body: {
        name: 'ZA-BW MRA',
        parties: [
          { administration: 'ZA', recognisedAeoTypes: ['F'], publicKey: za1.publicKeyPem, keyId: 'ZA-1' },
          { administration: 'BW', recognisedAeoTypes: ['F'], publicKey: bw.publicKeyPem, keyId: 'BW-1' },
        ],
        benefits: ['priority-clearance'],
        effectiveFrom: '2023-05-31',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'awaiting-confirmation', awaiting: ['ZA'], activatedAt: null });
    arrangementId = created.body.id;

    // ZA's record comes before BW has the confirmation on record: early, not wrong. It is held, not dead-lettered.
    await send(signed(1, '3000000001', za1.privateKeyPem, 'ZA-1'));
    await eventually(async () =>
      expect(await t.db.query(`SELECT hold_key, reason FROM mra_exchange.held_message`)).toEqual([
        { hold_key: 'partner:ZA', reason: 'no active MRA with ZA here yet' },
      ]),
    );
    expect((await ask('3000000001')).body.recognised).toBe(false);
    expect((await call('POST', `${t.url}/snapshot-requests`, { token: supervisor, body: { issuer: 'ZA' } })).status).toBe(400);

    const confirmed = await call('POST', `${t.url}/arrangements/${arrangementId}/confirmations`, {
      token: supervisor,
      body: { administration: 'ZA', confirmedOn: '2023-05-31', reference: 'note ZA/MRA/7' },
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ status: 'active', awaiting: [] });
    const again = await call('POST', `${t.url}/arrangements/${arrangementId}/confirmations`, {
      token: supervisor,
      body: { administration: 'ZA', confirmedOn: '2023-05-31', reference: 'again' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'arrangement.already_confirmed', type: 'urn:aeo-registry:problem:arrangement.already_confirmed' });
    const stranger = await call('POST', `${t.url}/arrangements/${arrangementId}/confirmations`, {
      token: supervisor,
      body: { administration: 'NA', confirmedOn: '2023-05-31', reference: 'x' },
    });
    expect(stranger.status).toBe(400);

    // At activation the held record is handled as if it had just come; later ones go straight through.
    await eventually(async () => expect((await ask('3000000001')).body.recognised).toBe(true));
    expect(await t.db.query(`SELECT * FROM mra_exchange.held_message`)).toEqual([]);
    await send(signed(2, '3000000002', za1.privateKeyPem, 'ZA-1'));
    await eventually(async () => expect((await ask('3000000002')).body.recognised).toBe(true));
  });

  it('opens the exchange under a confirmed arrangement only when its day comes (here: amended to begin now)', async () => {
    const requests: ExchangeRequest[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.na-requests`,
      topics: [t.topics.of(Events.exchangeRequests, { from: 'BW', to: 'NA' })],
      handle: async (m) => {
        const signed = fromBinary(SignedExchangeRequestSchema, fromBinary(EnvelopeSchema, m.value).payload);
        requests.push(fromBinary(ExchangeRequestSchema, signed.request));
      },
    });
    try {
      const future = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
      const na = generateSigningKeyPair();
      const created = await call('POST', `${t.url}/arrangements`, {
        token: supervisor,
        body: {
          name: 'BW-NA MRA',
          parties: [
            { administration: 'NA', recognisedAeoTypes: ['F'], publicKey: na.publicKeyPem, keyId: 'NA-1' },
            { administration: 'BW', recognisedAeoTypes: ['F'], publicKey: bw.publicKeyPem, keyId: 'BW-1' },
          ],
          benefits: [],
          effectiveFrom: future,
          confirmations: [{ administration: 'NA', confirmedOn: '2026-01-01', reference: 'signed' }],
        },
      });
      expect(created.body).toMatchObject({ status: 'awaiting-effect', openedAt: null });
      const bad = await call('PATCH', `${t.url}/arrangements/${created.body.id}`, { token: supervisor, body: { effectiveTo: '2020-01-01' } });
      expect(bad.status).toBe(400);
      const amended = await call('PATCH', `${t.url}/arrangements/${created.body.id}`, {
        token: supervisor,
        body: { effectiveFrom: '2023-05-31', benefits: ['business-continuity'] },
      });
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({ status: 'active', benefits: ['business-continuity'] });
      await eventually(() => expect(requests.filter((r) => r.kind === ExchangeRequestKind.SNAPSHOT && r.issuer === 'NA')).toHaveLength(1));
    } finally {
      await subscription.close();
    }
  });

  it('answers a body over the size limit with 413 and a message, not a 500', async () => {
    const big = await call('POST', `${t.url}/arrangements`, { token: supervisor, body: { name: 'x'.repeat(200_000) } });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ status: 413, code: 'request.too_large', message: 'request entity too large' });
  });

  it('verifies records signed with a rotated key, and with the key before it', async () => {
    const rotated = await call('POST', `${t.url}/arrangements/${arrangementId}/keys`, {
      token: supervisor,
      body: { administration: 'ZA', keyId: 'ZA-2', publicKey: za2.publicKeyPem },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.parties.find((p: { administration: string }) => p.administration === 'ZA')).toMatchObject({
      keyId: 'ZA-2',
      previousKeys: [{ keyId: 'ZA-1' }],
    });
    const reused = await call('POST', `${t.url}/arrangements/${arrangementId}/keys`, {
      token: supervisor,
      body: { administration: 'ZA', keyId: 'ZA-1', publicKey: za2.publicKeyPem },
    });
    expect(reused.status).toBe(409);

    await send(signed(3, '3000000003', za2.privateKeyPem, 'ZA-2'));
    await send(signed(4, '3000000004', za1.privateKeyPem, 'ZA-1'));
    await eventually(async () => {
      expect((await ask('3000000003')).body.recognised).toBe(true);
      expect((await ask('3000000004')).body.recognised).toBe(true);
    });

    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      await send(signed(5, '3000000005', za1.privateKeyPem, 'ZA-2')); // the old key under the new name
      await eventually(() => expect(dead.messages.map((m) => m.headers[Headers.deadLetterReason])).toContainEqual(expect.stringMatching(/ZA record 5 does not verify/)));
    } finally {
      await dead.subscription.close();
    }
  });
});
