import { call, eventually, tokenFor } from '@aeo/testing';
import {
  applyAndGrant,
  askRecognition,
  changeStatus,
  recordArrangement,
  registerOperator,
  setConsent,
  startTestFederation,
  TestFederation,
} from './support';

const SACU = ['ZA', 'BW', 'NA', 'LS', 'SZ'];

/** What every other member answers about an AEO of `issuer`, as {member: status or "unknown"}. */
async function answers(federation: TestFederation, issuer: string, tin: string, asOf?: string) {
  const result: Record<string, string> = {};
  for (const member of SACU.filter((m) => m !== issuer)) {
    const a = await askRecognition(federation.admins[member], { issuer, identifier: tin, asOf });
    result[member] = a.status ? `${a.status}${a.recognised ? '' : ' (not recognised)'}` : 'unknown';
  }
  return result;
}

const everyone = (issuer: string, value: string) =>
  Object.fromEntries(SACU.filter((m) => m !== issuer).map((m) => [m, value]));

describe('the SACU federation: five registries, one regional MRA, on real Kafka', () => {
  let federation: TestFederation;

  beforeAll(async () => {
    // LS's mra-exchange runs as a process of its own, so that it can be killed for real.
    federation = await startTestFederation(SACU, { asProcesses: { LS: ['mra-exchange'] } });
  });
  afterAll(async () => {
    await federation?.close();
  });

  it('converges: opening snapshot, live changes, consent withdrawal, and a partner killed and restarted mid-stream', async () => {
    const { ZA, BW, NA, LS } = federation.admins;

    // An AEO granted before the MRA exists reaches partners through the MRA's opening exchange,
    // whatever the order in which the members record the MRA, and with one of them down meanwhile.
    const ubuntu = await registerOperator(ZA, 'trader-za-1', { legalName: 'Ubuntu Freight', tin: '7000000001' });
    await applyAndGrant(ZA, 'trader-za-1', ubuntu, 'F');
    const sacu = { name: 'SACU regional AEO MRA' };
    await recordArrangement(federation, { ...sacu, at: ['BW', 'ZA'] });
    await LS.killService('mra-exchange');
    await recordArrangement(federation, { ...sacu, at: ['SZ', 'NA'] });
    await LS.startService('mra-exchange');
    await recordArrangement(federation, { ...sacu, at: ['LS'] });
    await eventually(async () => expect(await answers(federation, 'ZA', '7000000001')).toEqual(everyone('ZA', 'valid')), {
      timeoutMs: 60000,
    });

    // Live changes from two issuers.
    const okavango = await registerOperator(BW, 'trader-bw-1', { legalName: 'Okavango Carriers', tin: '7100000001' });
    const okavangoAuth = await applyAndGrant(BW, 'trader-bw-1', okavango, 'S');
    const etosha = await registerOperator(NA, 'trader-na-1', { legalName: 'Etosha Forwarding', tin: '7200000001' });
    await applyAndGrant(NA, 'trader-na-1', etosha, 'F');
    await eventually(async () => {
      expect(await answers(federation, 'BW', '7100000001')).toEqual(everyone('BW', 'valid'));
      expect(await answers(federation, 'NA', '7200000001')).toEqual(everyone('NA', 'valid'));
    }, { timeoutMs: 60000 });
    const beforeWithdrawal = new Date().toISOString();

    // The holder withdraws its consent: recognition ends abroad, the past stays answerable.
    await setConsent(ZA, 'trader-za-1', ubuntu, false);
    await eventually(async () => {
      for (const member of SACU.filter((m) => m !== 'ZA')) {
        const a = await askRecognition(federation.admins[member], { issuer: 'ZA', identifier: '7000000001' });
        expect(a).toMatchObject({ recognised: false, reason: expect.stringMatching(/withdrew its consent/) });
      }
    }, { timeoutMs: 60000 });
    expect((await askRecognition(BW, { issuer: 'ZA', identifier: '7000000001', asOf: beforeWithdrawal })).recognised).toBe(true);

    // LS's mra-exchange is killed (kill -9); the others change things meanwhile; it comes back and catches up.
    await LS.killService('mra-exchange');
    await changeStatus(BW, 'trader-bw-1', okavangoAuth.id, 'suspend');
    const kgalagadi = await registerOperator(ZA, 'trader-za-2', { legalName: 'Kgalagadi Mills', tin: '7000000002' });
    await applyAndGrant(ZA, 'trader-za-2', kgalagadi, 'S');
    await eventually(async () => {
      expect((await askRecognition(NA, { issuer: 'BW', identifier: '7100000001' })).status).toBe('suspended');
      expect((await askRecognition(NA, { issuer: 'ZA', identifier: '7000000002' })).status).toBe('valid');
    }, { timeoutMs: 60000 });
    await LS.startService('mra-exchange');
    await eventually(async () => {
      expect(await answers(federation, 'BW', '7100000001')).toEqual(everyone('BW', 'suspended (not recognised)'));
      expect(await answers(federation, 'ZA', '7000000002')).toEqual(everyone('ZA', 'valid'));
      expect(await answers(federation, 'NA', '7200000001')).toEqual(everyone('NA', 'valid'));
    }, { timeoutMs: 90000 });
    // Nothing legitimate went to a dead letter: not the early opening messages, not the killed partner's.
    expect(federation.deadLetters).toEqual([]);
    // Every member checked each issuer's log against its checkpoints, and no fault was found, nor any equivocation in the cosignatures.
    await eventually(async () => {
      for (const member of Object.keys(federation.admins)) {
        const figures = (await call('GET', `${federation.admins[member].urls.mraExchange}/figures`, { token: tokenFor(member, ['supervisor']) })).body;
        expect(figures.logAlerts).toEqual([]);
        for (const issuer of figures.issuers) expect(issuer.verifiedLogSize).toBe(issuer.lastSequence);
      }
    }, { timeoutMs: 30000 });
  });
});
