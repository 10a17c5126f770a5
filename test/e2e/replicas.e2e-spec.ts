import { RunningAdministration, ServiceName } from '@aeo/launcher';
import { eventually } from '@aeo/testing';
import { applyAndGrant, askRecognition, changeStatus, recordArrangement, registerOperator, sqlRows, startTestFederation, statusesAtPartner, TestFederation } from './support';

const ALL: ServiceName[] = ['operator-registry', 'accreditation', 'conduct-compliance', 'mra-exchange', 'notifications'];


/**
 * ZA runs two replicas of each of its five services, each a process of its own, against one
 * PostgreSQL and one Kafka; BW is its MRA partner. Status changes are made through both
 * replicas; halfway, one replica of every service is killed with SIGKILL while the events of
 * the changes before are still on their way. The survivors take over the consumer groups and the
 * outbox relay, and BW ends with every change exactly once, in order.
 */
describe('two replicas of every service, one of each killed with SIGKILL mid-stream', () => {
  let federation: TestFederation;
  let first: RunningAdministration;
  let second: RunningAdministration;

  beforeAll(async () => {
    federation = await startTestFederation(['ZA', 'BW'], { asProcesses: { ZA: ALL } });
    first = federation.admins.ZA;
    second = await federation.replica('ZA');
    await recordArrangement(federation, { name: 'ZA-BW MRA' });
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
  });

  it('loses no change and applies none twice', async () => {
    const one = await registerOperator(first, 'trader-za-1', { legalName: 'Replica Freight One', tin: '7700000001' });
    const two = await registerOperator(second, 'trader-za-2', { legalName: 'Replica Freight Two', tin: '7700000002' });
    const aeo = {
      one: { trader: 'trader-za-1', operatorId: one, id: (await applyAndGrant(first, 'trader-za-1', one, 'F')).id },
      two: { trader: 'trader-za-2', operatorId: two, id: (await applyAndGrant(second, 'trader-za-2', two, 'F')).id },
    };
    const plan: [keyof typeof aeo, 'suspend' | 'reinstate'][] = [
      ['one', 'suspend'], ['two', 'suspend'], ['one', 'reinstate'], ['two', 'reinstate'],
      ['one', 'suspend'], ['two', 'suspend'], ['one', 'reinstate'], ['two', 'reinstate'], ['one', 'suspend'],
    ];
    let killed = false;
    for (const [i, [which, action]] of plan.entries()) {
      const via = killed || i % 2 === 1 ? second : first;
      await changeStatus(via, aeo[which].trader, aeo[which].id, action);
      if (i === 3) {
        // The events of the four changes are still being relayed and consumed: one replica of every service dies now.
        await Promise.all(ALL.map((name) => first.killService(name)));
        killed = true;
      }
    }

    const expected = {
      one: ['valid', 'suspended', 'valid', 'suspended', 'valid', 'suspended'],
      two: ['valid', 'suspended', 'valid', 'suspended', 'valid'],
    };
    const bw = federation.databases.BW.url;
    const received = () => statusesAtPartner(bw, 'ZA', { one: aeo.one.operatorId, two: aeo.two.operatorId });
    // Every change reached the partner once, in the order it was made.
    await eventually(async () => expect(await received()).toEqual(expected), { timeoutMs: 120_000 });
    expect((await askRecognition(federation.admins.BW, { issuer: 'ZA', identifier: '7700000001' })).status).toBe('suspended');
    expect((await askRecognition(federation.admins.BW, { issuer: 'ZA', identifier: '7700000002' })).recognised).toBe(true);
    // ZA's sequence reached BW without a gap, and its log checked out to the last record.
    const [progress] = await sqlRows<{ last_sequence: string; missing_sequences: string[] }>(bw, `SELECT last_sequence, missing_sequences FROM mra_exchange.issuer_progress WHERE issuer = 'ZA'`);
    expect(progress).toEqual({ last_sequence: '11', missing_sequences: [] });
    await eventually(async () => expect(await sqlRows(bw, `SELECT verified_size FROM mra_exchange.partner_log WHERE issuer = 'ZA'`)).toEqual([{ verified_size: '11' }]));
    expect(await sqlRows(bw, `SELECT kind FROM mra_exchange.log_alert`)).toEqual([]);
    // At ZA: each status change became one record, whichever replica's consumer took its event.
    const issued = await sqlRows<{ n: number }>(federation.databases.ZA.url, `SELECT count(*)::int AS n FROM mra_exchange.outbound_record`);
    expect(issued).toEqual([{ n: 11 }]);
    expect(federation.deadLetters).toEqual([]);
  });
});
