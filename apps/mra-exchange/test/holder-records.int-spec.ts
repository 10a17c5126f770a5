import { fromBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AeoStatus,
  AuthorisationStatusChangedSchema,
  AeoType,
  EnvelopeSchema,
  Events,
  ExchangeRequestKind,
  Headers,
  RecognitionRecord,
  RecognitionRecordSchema,
  ChannelRecordSchema,
  SignedCheckpoint,
  WithheldRecord,
} from '@aeo/contracts';
import { encodeEnvelope, sealEnvelope } from '@aeo/messaging';
import { publishEvent, readDeadLetters, TestService, registeredOperator } from '@aeo/messaging/testing';
import { create } from '@bufbuild/protobuf';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair, parsePublicKey, verifyBytes } from '../src';
import { leafHash, rootOf } from '../src/log/merkle';
import { parseCheckpoint } from '../src/log/checkpoint';
import { signedBilateralArrangement, signedRequest, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();

describe('mra-exchange: our AEOs, signed and sent to partners', () => {
  let t: TestService;
  /** What the channel ZA→BW carried in full. */
  const received: { record: RecognitionRecord; bytes: Uint8Array; signature: Uint8Array }[] = [];
  /** What the channel ZA→NA carried: NA has no MRA with ZA at first. */
  const toNa: { record?: RecognitionRecord; bytes?: Uint8Array; withheld?: WithheldRecord; checkpoint?: SignedCheckpoint }[] = [];
  let subscription: { close(): Promise<void> };
  const operatorId = randomUUID();
  const authorisationId = randomUUID();

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'ZA', ...za }, { administration: 'BW', ...bw }, { FEDERATION_MEMBERS: 'ZA,BW,NA', DIRECTORY_RATE_LIMIT: '8' });
    subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.bw-reader`,
      topics: [t.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'BW' }), t.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'NA' })],
      handle: async (m) => {
        const channelRecord = fromBinary(ChannelRecordSchema, fromBinary(EnvelopeSchema, m.value).payload);
        for (const [i, { entry }] of channelRecord.entries.entries()) {
          const checkpoint = i === channelRecord.entries.length - 1 ? channelRecord.checkpoint : undefined;
          if (m.topic.endsWith('.to.NA.v2')) {
            toNa.push({
              ...(entry.case === 'record' ? { record: fromBinary(RecognitionRecordSchema, entry.value.record), bytes: entry.value.record } : { withheld: entry.value as WithheldRecord }),
              checkpoint,
            });
          } else if (entry.case === 'record') {
            received.push({ record: fromBinary(RecognitionRecordSchema, entry.value.record), bytes: entry.value.record, signature: entry.value.signature });
          } else {
            throw new Error(`BW is in the audience of every record here; got ${entry.case}`);
          }
        }
      },
    });
  });
  afterAll(async () => {
    await subscription?.close();
    await t?.close();
  });

  it('sends a signed record when an AEO with consent is granted, and one that ends recognition when consent is withdrawn', async () => {
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId,
      legalName: 'Ubuntu Freight',
      address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: 'ZA' },
      identifiers: [{ scheme: 'TIN', value: '9012345678', issuer: 'ZA' }],
      registeredBy: 'trader',
    }), { aggregateId: operatorId });
    await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId, shareWithPartners: true, publishInDirectory: true }, { aggregateId: operatorId, sequence: 2 });
    await publishEvent(t.kafka, t.topics, Events.authorisationStatusChanged, {
      authorisationId,
      operatorId,
      certificateNumber: 'ZAAEOF0000001',
      aeoType: AeoType.F,
      status: AeoStatus.VALID,
      statusSince: timestampFromDate(new Date()),
      authorisedOn: timestampFromDate(new Date()),
      validTo: timestampFromDate(new Date(Date.now() + 5 * 365 * 86400_000)),
    }, { aggregateId: authorisationId });

    await eventually(() => expect(received).toHaveLength(1));
    expect(received[0].record).toMatchObject({
      issuer: 'ZA',
      sequence: 1n,
      operatorName: 'Ubuntu Freight',
      certificateNumber: 'ZAAEOF0000001',
      aeoType: AeoType.F,
      status: AeoStatus.VALID,
      sharedWithConsent: true,
      audience: ['BW'],
    });
    expect(verifyBytes(received[0].bytes, received[0].signature, parsePublicKey(za.publicKeyPem))).toBe(true);

    const directory = await call('GET', `${t.url}/directory?name=ubuntu`);
    expect(directory.status).toBe(200);
    expect(directory.body).toEqual([
      { holder: 'Ubuntu Freight', country: 'ZA', aeoType: 'AEO-F', certificateNumber: 'ZAAEOF0000001', authorisedOn: expect.any(String) },
    ]);

    await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId, shareWithPartners: false, publishInDirectory: false }, { aggregateId: operatorId, sequence: 3 });
    await eventually(() => expect(received).toHaveLength(2));
    expect(received[1].record).toMatchObject({ sequence: 2n, status: AeoStatus.VALID, sharedWithConsent: false });
    expect((await call('GET', `${t.url}/directory?name=ubuntu`)).body).toEqual([]);
    // NA, a member without an MRA with ZA, sees each number of ZA's sequence and its hash, never the record.
    await eventually(() => expect(toNa).toHaveLength(2));
    expect(toNa.map((e) => e.withheld?.sequence)).toEqual([1n, 2n]);
    expect(toNa.map((e) => Buffer.from(e.withheld!.leafHash).toString('hex'))).toEqual(received.slice(0, 2).map((r) => leafHash(r.bytes).toString('hex')));
  });

  it('answers a replay request signed by the partner, dead-letters a forged one, and holds one from a party without an active MRA until there is one', async () => {
    const before = received.length;
    const ask = (message: ReturnType<typeof signedRequest>, requester: string) =>
      publishEvent(t.kafka, t.topics, Events.exchangeRequests, message, { aggregateId: `${requester}:ZA`, administration: requester, recipient: 'ZA' });
    const replay = signedRequest({ requester: 'BW', issuer: 'ZA', kind: ExchangeRequestKind.REPLAY }, bw.privateKeyPem);
    await ask(replay, 'BW');
    await eventually(() => expect(received.length).toBe(before + 2));
    expect(received.slice(before).map((r) => r.record.sequence)).toEqual([1n, 2n]);
    expect(Buffer.from(received[before].bytes).equals(Buffer.from(received[0].bytes))).toBe(true);

    // The same signed request copied into a new envelope is not answered again; the next genuine one is.
    await ask(replay, 'BW');
    await ask(signedRequest({ requester: 'BW', issuer: 'ZA', kind: ExchangeRequestKind.REPLAY, fromSequence: 2n }, bw.privateKeyPem), 'BW');
    await eventually(() => expect(received.length).toBe(before + 3));
    expect(received.slice(before + 2).map((r) => r.record.sequence)).toEqual([2n]);

    const dead = await readDeadLetters(t.kafka, t.topics);
    const na = generateSigningKeyPair();
    try {
      // Anyone who can write to ZA's requests topic could ask in BW's name; only BW's key makes it BW's.
      await ask(signedRequest({ requester: 'BW', issuer: 'ZA', kind: ExchangeRequestKind.SNAPSHOT }, na.privateKeyPem), 'BW');
      await eventually(() => expect(dead.messages).toHaveLength(1));
      expect(dead.messages[0].headers[Headers.deadLetterReason]).toMatch(/signature of BW's request .* does not verify/);

      // NA asks before ZA has recorded an MRA with it: early, not wrong. Held, then answered at activation.
      await ask(signedRequest({ requester: 'NA', issuer: 'ZA', kind: ExchangeRequestKind.SNAPSHOT }, na.privateKeyPem), 'NA');
      await eventually(async () =>
        expect(await t.db.query(`SELECT hold_key, reason FROM mra_exchange.held_message`)).toEqual([
          { hold_key: 'partner:NA', reason: 'NA is not a party to any active MRA with ZA yet' },
        ]),
      );
      const afterForged = received.length;
      expect(afterForged).toBe(before + 3);
      const naBefore = toNa.length;
      const created = await call('POST', `${t.url}/arrangements`, {
        token: tokenFor('ZA', ['supervisor']),
        body: signedBilateralArrangement({ administration: 'ZA', ...za }, { administration: 'NA', ...na }),
      });
      expect(created.status).toBe(201);
      // The opening sends the AEO anew (a new record, to BW and NA), and the held snapshot request is answered on NA's channel.
      await eventually(() => expect(received.length).toBe(afterForged + 1), { timeoutMs: 20000 });
      expect(received.at(-1)!.record.audience).toEqual(['BW', 'NA']);
      // The opening's record 3, then the snapshot: every number from 1, the superseded ones withheld,
      // the last with the checkpoint of ZA's log, which NA checks against the three leaves with one signature.
      await eventually(() => expect(toNa.length).toBe(naBefore + 4), { timeoutMs: 20000 });
      const snapshot = toNa.slice(naBefore + 1);
      expect(toNa[naBefore].record?.sequence).toBe(3n);
      expect(snapshot.map((e) => [e.withheld?.sequence ?? e.record?.sequence, e.record ? 'record' : 'withheld'])).toEqual([[1n, 'withheld'], [2n, 'withheld'], [3n, 'record']]);
      expect(snapshot.slice(0, 2).map((e) => e.checkpoint)).toEqual([undefined, undefined]);
      const checkpoint = snapshot[2].checkpoint!;
      expect(verifyBytes(checkpoint.note, checkpoint.signature, parsePublicKey(za.publicKeyPem))).toBe(true);
      const leaves = [Buffer.from(snapshot[0].withheld!.leafHash), Buffer.from(snapshot[1].withheld!.leafHash), leafHash(snapshot[2].bytes!)];
      expect(parseCheckpoint(checkpoint.note)).toEqual({ issuer: 'ZA', size: 3, root: rootOf(leaves) });
      expect(await t.db.query(`SELECT * FROM mra_exchange.held_message`)).toEqual([]);
      expect(dead.messages).toHaveLength(1);
    } finally {
      await dead.subscription.close();
    }
  });

  it('publishes a batch of status changes in their order: each a record numbered in turn, together in one message a channel with the checkpoint after the last; a stale one none', async () => {
    const holder = randomUUID();
    const authorisation = randomUUID();
    const otherAuthorisation = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId: holder,
      legalName: 'Kalahari Couriers',
      address: { street: '3 Rail Street', city: 'Upington', postalCode: '8800', country: 'ZA' },
      identifiers: [{ scheme: 'TIN', value: '9087654321', issuer: 'ZA' }],
      registeredBy: 'trader',
    }), { aggregateId: holder });
    await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId: holder, shareWithPartners: true, publishInDirectory: false }, { aggregateId: holder, sequence: 2 });
    await eventually(async () => expect(await t.db.query(`SELECT legal_name FROM mra_exchange.holder_operator WHERE operator_id = $1 AND share_with_partners`, [holder])).toHaveLength(1));
    const before = received.length;
    const naBefore = toNa.length;
    const since = Date.now();
    // A change of one of the holder's two authorisations, every one keyed as the first (one partition: the order they are sent).
    const changeOf = (id: string, certificateNumber: string, offsetMs: number) => (status: AeoStatus, version: number) => {
      const message = create(AuthorisationStatusChangedSchema, {
        authorisationId: id,
        operatorId: holder,
        certificateNumber,
        aeoType: AeoType.S,
        status,
        statusSince: timestampFromDate(new Date(since + version * 1000 + offsetMs)),
        authorisedOn: timestampFromDate(new Date(since)),
        validTo: timestampFromDate(new Date(since + 5 * 365 * 86400_000)),
      });
      const envelope = sealEnvelope(AuthorisationStatusChangedSchema, message, { administration: 'ZA', aggregateId: id, sequence: BigInt(version), occurredAt: new Date() });
      return { topic: t.topics.of(Events.authorisationStatusChanged), key: authorisation, value: encodeEnvelope(envelope), headers: {} };
    };
    const change = changeOf(authorisation, 'ZAAEOS0000042', 0);
    const other = changeOf(otherAuthorisation, 'ZAAEOS0000043', 500);
    // One produce request: the consumer takes them as one batch (an authorisation changed several
    // times in it is brought up to date a round at a time). Version 2 comes after 3: older than what
    // is held by then, it is passed by.
    await t.kafka.publish([
      change(AeoStatus.VALID, 1), change(AeoStatus.SUSPENDED, 3), other(AeoStatus.VALID, 1), change(AeoStatus.SUSPENDED, 2),
      change(AeoStatus.VALID, 4), other(AeoStatus.SUSPENDED, 2),
    ]);

    await eventually(() => expect(received.length).toBe(before + 5));
    const records = received.slice(before).map((r) => r.record);
    // In the order the changes came.
    expect(records.map((r) => [r.sequence, r.certificateNumber, r.status, r.operatorName])).toEqual([
      [4n, 'ZAAEOS0000042', AeoStatus.VALID, 'Kalahari Couriers'],
      [5n, 'ZAAEOS0000042', AeoStatus.SUSPENDED, 'Kalahari Couriers'],
      [6n, 'ZAAEOS0000043', AeoStatus.VALID, 'Kalahari Couriers'],
      [7n, 'ZAAEOS0000042', AeoStatus.VALID, 'Kalahari Couriers'],
      [8n, 'ZAAEOS0000043', AeoStatus.SUSPENDED, 'Kalahari Couriers'],
    ]);
    for (const r of received.slice(before)) expect(verifyBytes(r.bytes, r.signature, parsePublicKey(za.publicKeyPem))).toBe(true);
    // The three travel as one message a channel (one produce, one batch here): the checkpoint after
    // the last, its size that record's number, its root over every leaf up to it: one signature for the three.
    await eventually(() => expect(toNa.length).toBe(naBefore + 5));
    const chunk = toNa.slice(naBefore);
    expect(chunk.map((e) => [e.record?.sequence ?? e.withheld!.sequence, !!e.checkpoint])).toEqual([[4n, false], [5n, false], [6n, false], [7n, false], [8n, true]]);
    const leafOf = new Map(received.map((r) => [r.record.sequence, leafHash(r.bytes)]));
    const all = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
    expect([...leafOf.keys()].sort()).toEqual(all);
    const checkpoint = chunk[4].checkpoint!;
    expect(verifyBytes(checkpoint.note, checkpoint.signature, parsePublicKey(za.publicKeyPem))).toBe(true);
    expect(parseCheckpoint(checkpoint.note)).toEqual({ issuer: 'ZA', size: 8, root: rootOf(all.map((s) => leafOf.get(s)!)) });
    expect(await t.db.query(`SELECT status, version FROM mra_exchange.holder_authorisation WHERE authorisation_id = $1`, [authorisation])).toEqual([{ status: 'valid', version: '4' }]);
    expect(await t.db.query(`SELECT status, version FROM mra_exchange.holder_authorisation WHERE authorisation_id = $1`, [otherAuthorisation])).toEqual([{ status: 'suspended', version: '2' }]);
  });

  it('rate-limits the public directory and validates its query', async () => {
    expect((await call('GET', `${t.url}/directory?type=X`)).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await call('GET', `${t.url}/directory`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
  });
});
