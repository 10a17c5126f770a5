import { AeoType } from '@aeo/contracts';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor, uniqueNamespace } from '@aeo/testing';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { grantWithConsent } from './records';

const keys = { ZA: generateSigningKeyPair(), BW: generateSigningKeyPair() };
type Code = keyof typeof keys;
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

/**
 * An MRA in force changes: ZA drops its AEO-S from the arrangement, suspends it and resumes it;
 * BW narrows what it recognises from a day to come. Recognition ends at the partner from the
 * day of each change, and the as-of answer for the days before stays as it was.
 */
describe('mra-exchange: an arrangement amended, suspended and resumed', () => {
  const prefix = uniqueNamespace('amend');
  const services = {} as Record<Code, TestService>;
  const ids = {} as Record<Code, string>;

  beforeAll(async () => {
    for (const code of ['ZA', 'BW'] as const) {
      services[code] = await startTestService(MRA_EXCHANGE, {
        ADMINISTRATION: code,
        MRA_SIGNING_KEY: keys[code].privateKeyPem,
        FEDERATION_MEMBERS: 'ZA,BW',
        TOPIC_NAMESPACE: `${prefix}-${code.toLowerCase()}`,
        FEDERATION_TOPIC_PREFIX: prefix,
      });
      const created = await call('POST', `${services[code].url}/arrangements`, {
        token: tokenFor(code, ['supervisor']),
        body: {
          name: 'ZA-BW MRA',
          parties: (['ZA', 'BW'] as Code[]).map((p) => ({ administration: p, recognisedAeoTypes: ['S', 'F'], publicKey: keys[p].publicKeyPem, keyId: `${p}-1` })),
          benefits: ['priority-clearance'],
          effectiveFrom: '2023-05-31',
          confirmations: [{ administration: code === 'ZA' ? 'BW' : 'ZA', confirmedOn: '2023-05-31', reference: 'treaty' }],
        },
      });
      expect(created.status).toBe(201);
      ids[code] = created.body.id;
    }
    const za = services.ZA;
    for (const [tin, aeoType] of [['9100000001', AeoType.S], ['9100000002', AeoType.F]] as const) {
      await grantWithConsent(za, { tin, aeoType, statusSince: new Date('2025-01-01T00:00:00Z') });
    }
    await eventually(async () => {
      expect((await ask('9100000001')).recognised).toBe(true);
      expect((await ask('9100000002')).recognised).toBe(true);
    }, { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    for (const s of Object.values(services)) await s?.close();
  });

  const ask = async (tin: string, asOf?: string) =>
    (await call('GET', `${services.BW.url}/recognitions?issuer=ZA&scheme=TIN&identifier=${tin}${asOf ? `&asOf=${asOf}T12:00:00Z` : ''}`, { token: tokenFor('BW', ['partner']) })).body;
  const amend = (code: Code, body: object) => call('POST', `${services[code].url}/arrangements/${ids[code]}/amendments`, { token: tokenFor(code, ['supervisor']), body });

  it('refuses an amendment that cannot be, saying why, and lets only a supervisor record one', async () => {
    const cases: [object, RegExp][] = [
      [{ kind: 'drop-type', on: day(0), administration: 'ZA', reason: 'notes' }, /drop-type needs the aeoType/],
      [{ kind: 'drop-type', on: day(0), administration: 'ZA', aeoType: 'C', reason: 'notes' }, /AEO-C of ZA is not recognised/],
      [{ kind: 'drop-party', on: day(0), administration: 'ZA', reason: 'notes' }, /leaves an arrangement by ending it/],
      [{ kind: 'drop-party', on: day(0), administration: 'NA', reason: 'notes' }, /NA is not a party/],
      [{ kind: 'suspend', on: '2020-01-01', reason: 'notes' }, /must not be before the arrangement takes effect/],
      [{ kind: 'resume', on: day(0), reason: 'notes' }, /is not suspended/],
      [{ kind: 'pause', on: day(0), reason: 'notes' }, /kind must be one of/],
    ];
    for (const [body, why] of cases) {
      const r = await amend('ZA', body);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toMatch(why);
    }
    const officer = await call('POST', `${services.ZA.url}/arrangements/${ids.ZA}/amendments`, { token: tokenFor('ZA', ['officer']), body: { kind: 'suspend', on: day(0), reason: 'x' } });
    expect(officer.status).toBe(403);
  });

  it("ends the partner's recognition of ZA's AEO-S from the day ZA drops it, and keeps the days before", async () => {
    const r = await amend('ZA', { kind: 'drop-type', on: day(0), administration: 'ZA', aeoType: 'S', reason: 'Exchange of notes 2026/14' });
    expect(r.status).toBe(201);
    expect(r.body.amendments).toEqual([expect.objectContaining({ kind: 'drop-type', on: day(0), administration: 'ZA', aeoType: 'S', recordedBy: expect.any(String) })]);
    await eventually(async () =>
      expect(await ask('9100000001')).toMatchObject({ recognised: false, reason: expect.stringMatching(/no longer covers this AEO here from/) }),
    );
    expect((await ask('9100000001', day(-1))).recognised).toBe(true);
    expect((await ask('9100000002')).recognised).toBe(true);
  });

  it('suspends the arrangement from a day and resumes it: recognition ends, then comes back, the past kept', async () => {
    expect((await amend('ZA', { kind: 'suspend', on: day(0), reason: 'audit of the partner programme' })).status).toBe(201);
    await eventually(async () => expect(await ask('9100000002')).toMatchObject({ recognised: false, reason: expect.stringMatching(/no longer covers/) }));
    expect((await ask('9100000002', day(-1))).recognised).toBe(true);
    const resumed = await amend('ZA', { kind: 'resume', on: day(0), reason: 'audit closed' });
    expect(resumed.status).toBe(201);
    expect(resumed.body.suspended).toBe(false);
    await eventually(async () => expect((await ask('9100000002')).recognised).toBe(true));
    // The AEO-S stays dropped.
    expect((await ask('9100000001')).recognised).toBe(false);
  });

  it('answers from the partner\'s own amended arrangement: covered until the day it narrows, not after', async () => {
    expect((await amend('BW', { kind: 'drop-type', on: day(3), administration: 'ZA', aeoType: 'F', reason: 'BW narrows the MRA' })).status).toBe(201);
    expect((await ask('9100000002', day(2))).recognised).toBe(true);
    expect(await ask('9100000002', day(3))).toMatchObject({ recognised: false, reason: 'no MRA in effect on that day covers this AEO type' });
    // The issuer's figures of the arrangement, as its console shows them.
    const listed = (await call('GET', `${services.BW.url}/arrangements`, { token: tokenFor('BW', ['supervisor']) })).body;
    expect(listed[0]).toMatchObject({ suspended: false, amendments: [expect.objectContaining({ kind: 'drop-type', on: day(3) })] });
  });
});
