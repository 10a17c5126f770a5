import { Events } from '@aeo/contracts';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { CONDUCT_COMPLIANCE } from '../src';

const HEADER = 'operator,name,role,sensitive_access,started_on,left_on,training_course,training_completed_on,training_valid_until';

describe('bulk import of personnel registers, on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-pi');
  const importFile = (text: string, fileName: string, dryRun: boolean, token = supervisor) =>
    call('POST', `${t.url}/imports/personnel?fileName=${encodeURIComponent(fileName)}&dryRun=${dryRun}`, { token, file: { text, type: 'text/csv' } });
  const operatorId = randomUUID();

  beforeAll(async () => {
    t = await startTestService(CONDUCT_COMPLIANCE);
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId, legalName: 'Legacy Warehousing', registeredBy: 'trader-pi', identifiers: [{ scheme: 'TIN', value: '6600000001', issuer: 'ZA' }],
    }), { aggregateId: operatorId });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds people and their training to the register the row names, derives the coverage, and a second run changes nothing', async () => {
    const file = [
      HEADER,
      'TIN:ZA:6600000001,Thandi Nkosi,warehouse supervisor,cargo; premises,2021-02-01,,Insider threats (WCO e-learning),2026-03-01,2027-03-01',
      'TIN:ZA:6600000001,Sipho Dlamini,forklift driver,cargo,2022-05-01,,,,',
      'TIN:ZA:6600000001,Lerato Mokoena,clerk,,2020-01-01,2024-12-31,,,',
    ].join('\n');
    await eventually(async () => expect((await importFile(file, 'staff.csv', true)).body).toMatchObject({ created: 3, problems: [] }), { timeoutMs: 20_000 });

    const bad = [
      HEADER,
      'TIN:ZA:6600000009,A,B,,2021-02-01,,,,', // no such operator
      'TIN:ZA:6600000001,C,D,vault,2021-13-01,,Course,,', // access, date, training half given
      'TIN:ZA:6600000001,E,F,,2021-02-01,2020-01-01,Course,2099-01-01,2098-01-01', // left before started, training in the future
      'TIN:ZA:6600000001,G,H,,2021-02-01,,,,',
      'TIN:ZA:6600000001,g,H,,2021-02-01,,,,', // the same person as line 5
    ].join('\n');
    const dry = await importFile(bad, 'bad.csv', true);
    const cols = (line: number) => dry.body.problems.filter((p: { line: number }) => p.line === line).map((p: { column: string }) => p.column).sort();
    expect(cols(2)).toEqual(['operator']);
    expect(cols(3)).toEqual(['sensitive_access', 'started_on', 'training_course']);
    expect(cols(4)).toEqual(['left_on', 'training_completed_on', 'training_valid_until']);
    expect(cols(6)).toEqual(['name']);
    expect((await importFile(bad, 'bad.csv', false)).status).toBe(422);

    const run = await importFile(file, 'staff.csv', false);
    expect(run.body).toMatchObject({ created: 3, run: { fileName: 'staff.csv', importedBy: 'supervisor-pi' } });
    const register = await call('GET', `${t.url}/operators/${operatorId}/personnel`, { token: supervisor });
    expect(register.status).toBe(200);
    // Two sensitive positions held today, one trained: 50 %.
    expect(register.body.coverage).toMatchObject({ sensitivePositions: 2, trained: 1, percent: 50 });
    expect(register.body.people.map((p: { name: string; importRunId: string }) => [p.name, p.importRunId])).toEqual([
      ['Thandi Nkosi', run.body.run.id],
      ['Sipho Dlamini', run.body.run.id],
      ['Lerato Mokoena', run.body.run.id],
    ]);
    const again = await importFile(file, 'staff.csv', false);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3 });
    expect((await call('GET', `${t.url}/operators/${operatorId}/personnel`, { token: supervisor })).body.people).toHaveLength(3);
    const runs = await call('GET', `${t.url}/imports/personnel`, { token: tokenFor('ZA', ['auditor'], 'a') });
    expect(runs.body).toHaveLength(2);
    expect(runs.body[0].sha256).toBe(run.body.sha256);
  });

  it('checks a register longer than one chunk (a thousand rows) against the chunks before, and derives compliance once all are written', async () => {
    // Odd rows hold a sensitive position and are trained.
    const person = (n: number) =>
      `TIN:ZA:6600000001,Long Register ${n},loader,${n % 2 ? 'cargo' : ''},2023-01-01,,${n % 2 ? 'Insider threats (WCO e-learning),2026-03-01,2027-03-01' : ',,'}`;
    const people = Array.from({ length: 2400 }, (_, i) => person(i));
    // Line 2,302 (third chunk) is line 3's person again, a name differently cased.
    const repeated = [HEADER, ...people.slice(0, 2300), person(1).replace('Long Register 1,', 'LONG REGISTER 1,'), ...people.slice(2301)].join('\n');
    const dry = await importFile(repeated, 'long-repeated.csv', true);
    expect(dry.body).toMatchObject({ rows: 2400, created: 2399 });
    expect(dry.body.problems).toEqual([expect.objectContaining({ line: 2302, column: 'name', message: 'the same person (name and started_on) is also on line 3' })]);

    const before = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: supervisor });
    expect(before.body.facts.coverage).toBe(50);
    const run = await importFile([HEADER, ...people].join('\n'), 'long.csv', false);
    expect(run.body).toMatchObject({ rows: 2400, created: 2400, problems: [] });
    const register = await call('GET', `${t.url}/operators/${operatorId}/personnel`, { token: supervisor });
    // Thandi and Sipho from the first file (one trained), and the 1,200 odd rows, all trained.
    expect(register.body.coverage).toMatchObject({ sensitivePositions: 1202, trained: 1201 });
    expect(register.body.people).toHaveLength(2403);
    // Derived once, with every chunk written: one new version (after the first chunk alone it would have been 99.8 %).
    const after = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: supervisor });
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.facts.coverage).toBe(99.9);
  });
});
