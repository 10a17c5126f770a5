import { Events } from '@aeo/contracts';
import { publishEvent, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair } from '../src';
import { signedRecord, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();

/**
 * Today's partner questions are answered from a cache that every change to the received records
 * and identifiers clears, whoever made it (another instance writes straight to the database here),
 * and that is emptied and bypassed while its listener is not listening.
 */
describe('mra-exchange: the partner question, cached until what it read changes', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'BW', ...bw }, { administration: 'ZA', ...za });
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (fields: Parameters<typeof signedRecord>[0]) =>
    publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'record', value: signedRecord(fields, za.privateKeyPem) } }] }, { aggregateId: randomUUID(), administration: 'ZA', from: 'ZA', recipient: 'BW' });
  const ask = async (tin: string) => (await call('GET', `${t.url}/recognitions?issuer=ZA&scheme=TIN&identifier=${tin}`, { token: tokenFor('BW', ['partner']) })).body;
  const lookups = async () => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const read = (result: string) => Number(text.split('\n').find((l) => l.startsWith('aeo_recognition_cache_lookups_total{') && l.includes(`result="${result}"`))?.split(' ').at(-1) ?? 0);
    return { hit: read('hit'), miss: read('miss') };
  };
  /** Another instance's write: straight to the database, not through this service. */
  const setStatus = (operatorId: string, status: string) =>
    t.db.query(`UPDATE mra_exchange.received_record SET status = $2 WHERE issuer = 'ZA' AND operator_id = $1`, [operatorId, status]);
  /**
   * Asks until the answer is kept: a notification arrives a few milliseconds after its commit, so
   * an answer read just after the change it waits for can be dropped by that change's notification.
   */
  const askUntilCached = (tin: string, expected: object, timeoutMs = 10_000) =>
    eventually(async () => {
      expect(await ask(tin)).toMatchObject(expected);
      const hits = (await lookups()).hit;
      expect(await ask(tin)).toMatchObject(expected);
      expect((await lookups()).hit).toBe(hits + 1);
    }, { timeoutMs });
  const listening = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listen mra_exchange_recognition'`))[0].n);

  it('answers a repeated question from the cache, and sees another instance\'s change at once', async () => {
    const operatorId = randomUUID();
    await send({ sequence: 1, tin: '5100000001', operatorId });
    await askUntilCached('5100000001', { recognised: true, status: 'valid' });
    const before = await lookups();
    for (let i = 0; i < 3; i++) expect(await ask('5100000001')).toMatchObject({ recognised: true, status: 'valid' });
    const after = await lookups();
    expect(after.hit - before.hit).toBe(3);
    expect(after.miss).toBe(before.miss);

    await setStatus(operatorId, 'suspended');
    // The entry would otherwise be trusted for a minute: the notification drops it.
    await eventually(async () => expect(await ask('5100000001')).toMatchObject({ recognised: false, status: 'suspended', reason: 'the AEO status is suspended' }), { timeoutMs: 5000 });
  });

  it('forgets "not known" when the identifier arrives, and a statement of many rows empties the cache', async () => {
    expect(await ask('5100000002')).toMatchObject({ recognised: false, reason: 'no AEO of ZA is known by TIN 5100000002' });
    expect(await ask('5100000002')).toMatchObject({ recognised: false });
    await send({ sequence: 2, tin: '5100000002' });
    await eventually(async () => expect(await ask('5100000002')).toMatchObject({ recognised: true }), { timeoutMs: 10_000 });

    // Sixty identifiers in one statement (a snapshot's size): the payload says "all", and an entry
    // none of them names goes too.
    expect(await ask('5100000060')).toMatchObject({ recognised: false, reason: 'no AEO of ZA is known by TIN 5100000060' });
    await askUntilCached('5100000002', { recognised: true });
    await t.db.query(
      `INSERT INTO mra_exchange.received_identifier (issuer, scheme, value, operator_id)
       SELECT 'ZA', 'TIN', (5100000000 + g)::text, 'bulk-' || g FROM generate_series(10, 69) g`,
    );
    await eventually(async () => expect(await ask('5100000060')).toMatchObject({ recognised: false, reason: expect.stringMatching(/^no status of this operator was in force/) }), { timeoutMs: 5000 });
    const before = await lookups();
    expect(await ask('5100000002')).toMatchObject({ recognised: true });
    expect(await lookups()).toEqual({ hit: before.hit, miss: before.miss + 1 });
  });

  it('ends an entry when the operator\'s next stored status comes into force', async () => {
    const operatorId = randomUUID();
    await send({ sequence: 3, tin: '5100000003', operatorId });
    await eventually(async () => expect(await ask('5100000003')).toMatchObject({ recognised: true }));
    // A revocation already stored, in force in six seconds (inserted before the question is cached).
    const [{ at }]: { at: Date }[] = await t.db.query(
      `INSERT INTO mra_exchange.received_record (issuer, sequence, record_id, operator_id, operator_name, certificate_number, aeo_type, status,
         status_since, valid_to, shared_with_consent, received_at, record, signature, key_id)
       SELECT issuer, 1000, gen_random_uuid(), operator_id, operator_name, certificate_number, aeo_type, 'revoked',
         now() + interval '6 seconds', valid_to, shared_with_consent, now(), record, signature, key_id
       FROM mra_exchange.received_record WHERE issuer = 'ZA' AND operator_id = $1
       RETURNING status_since AS at`,
      [operatorId],
    );
    // Well within the six seconds: the entry is checked before the revocation comes into force.
    await askUntilCached('5100000003', { recognised: true }, 4000);
    expect(Date.now()).toBeLessThan(new Date(at).getTime());
    await new Promise((r) => setTimeout(r, new Date(at).getTime() - Date.now() + 200));
    expect(await ask('5100000003')).toMatchObject({ recognised: false, status: 'revoked' });
  });

  it('answers from the database while its listener is away, and caches again once it listens', async () => {
    const operatorId = randomUUID();
    await send({ sequence: 4, tin: '5100000004', operatorId });
    await eventually(async () => expect(await ask('5100000004')).toMatchObject({ recognised: true }));
    expect(await listening()).toBe(1);
    await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listen mra_exchange_recognition'`);
    await setStatus(operatorId, 'suspended');
    // No notification of that change was heard; the gap emptied the cache (or the entry would be trusted for a minute).
    await eventually(async () => expect(await ask('5100000004')).toMatchObject({ status: 'suspended' }), { timeoutMs: 5000 });
    await eventually(async () => expect(await listening()).toBe(1), { timeoutMs: 15_000 });
    // Once it listens again (after its LISTEN, a moment after the connection shows), answers are kept again.
    await askUntilCached('5100000004', { status: 'suspended' });
    await setStatus(operatorId, 'valid');
    await eventually(async () => expect(await ask('5100000004')).toMatchObject({ recognised: true, status: 'valid' }), { timeoutMs: 5000 });
  });

  it('reads a past day\'s answer from the database each time, and does not keep it for today', async () => {
    await send({ sequence: 5, tin: '5100000005' });
    await eventually(async () => expect(await t.db.query(`SELECT 1 FROM mra_exchange.received_identifier WHERE value = '5100000005'`)).toHaveLength(1));
    const before = await lookups();
    for (let i = 0; i < 2; i++) {
      const past = await call('GET', `${t.url}/recognitions?issuer=ZA&scheme=TIN&identifier=5100000005&asOf=2025-06-01`, { token: tokenFor('BW', ['partner']) });
      expect(past.body).toMatchObject({ recognised: false, reason: expect.stringMatching(/^no status of this operator was in force/) });
    }
    expect(await lookups()).toEqual(before);
    expect(await ask('5100000005')).toMatchObject({ recognised: true });
    expect(await lookups()).toEqual({ hit: before.hit, miss: before.miss + 1 });
  });
});
