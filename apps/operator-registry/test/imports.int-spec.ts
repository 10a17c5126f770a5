import { fromBinary } from '@bufbuild/protobuf';
import { ConsentChangedSchema, EnvelopeSchema, Events, OperatorRegisteredSchema } from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { createHash } from 'node:crypto';
import { OPERATOR_REGISTRY } from '../src';

const HEADER = 'legal_name,identifiers,street,city,postal_code,country,employees,annual_turnover,share_with_partners,publish_in_directory,trader';
const row = (n: number, extra = '') =>
  `"Imported Trading ${n} (Pty) Ltd","TIN:ZA:77000${String(n).padStart(5, '0')}; EORI:ZA:ZA77000${String(n).padStart(5, '0')}",${n} Dock Road,Durban,4001,ZA,12,3000000,yes,yes,${extra}`;

describe('bulk import of operators on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-1');
  const importFile = (text: string, fileName: string, dryRun: boolean, token = supervisor) =>
    call('POST', `${t.url}/imports/operators?fileName=${encodeURIComponent(fileName)}&dryRun=${dryRun}`, { token, file: { text, type: 'text/csv' } });

  beforeAll(async () => {
    t = await startTestService(OPERATOR_REGISTRY);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a dry run reports every problem by line and column and writes nothing; a real run of that file is refused whole', async () => {
    const file = [
      HEADER,
      row(1),
      '"",TIN:ZA:77000000002,2 Dock Road,Durban,4001,ZA,12,3000000,yes,yes,', // no legal name
      '"Bad Id Ltd",TIN:ZA:7,3 Dock Road,Durban,4001,ZA,12,3000000,maybe,yes,', // identifier too short, consent not yes/no
      '"Dup Ltd",TIN:ZA:7700000001,4 Dock Road,Durban,4001,Zulu,12,lots,yes,yes,', // bad country and turnover (its identifier is line 2's too)
      `"Again Ltd","TIN:ZA:7700000001",5 Dock Road,Durban,4001,ZA,,,no,no,`, // line 2's identifier
    ].join('\n');
    const dry = await importFile(file, 'bad.csv', true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'operators', dryRun: true, rows: 5, created: 1, run: null });
    const at = (line: number) => [...new Set<string>(dry.body.problems.filter((p: { line: number }) => p.line === line).map((p: { column: string }) => p.column))].sort();
    expect(at(3)).toEqual(['legal_name']);
    expect(at(4)).toEqual(['identifiers', 'share_with_partners']);
    expect(at(5)).toEqual(['annual_turnover', 'country']);
    expect(dry.body.problems.find((p: { line: number }) => p.line === 6).message).toBe('TIN:ZA:7700000001 is also on line 2');
    expect(dry.body.sha256).toBe(createHash('sha256').update(file).digest('hex'));

    const real = await importFile(file, 'bad.csv', false);
    expect(real.status).toBe(422);
    expect(real.body.code).toBe('import.invalid_rows');
    expect(real.body.report.problems.length).toBe(dry.body.problems.length);
    const listed = await call('GET', `${t.url}/operators?name=Imported%20Trading%201%20`, { token: supervisor });
    expect(listed.body.total).toBe(0); // the good row was not written either
  });

  it('imports a file once: operators with their identifiers, consents, events and origin; the same file again changes nothing', async () => {
    const events: DeliveredMessage[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.import-reader`,
      topics: [t.topics.of(Events.operatorRegistered), t.topics.of(Events.consentChanged)],
      handle: async (m) => void events.push(m),
    });
    try {
      const file = `\uFEFF${[HEADER, row(10, 'trader-za-9'), row(11), row(12)].join('\r\n')}\r\n`;
      const first = await importFile(file, 'register-2026-11.csv', false);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ rows: 3, created: 3, unchanged: 0, problems: [], earlierRuns: [] });
      expect(first.body.run).toMatchObject({ fileName: 'register-2026-11.csv', importedBy: 'supervisor-1', created: 3 });

      const found = await call('GET', `${t.url}/operators?name=Imported%20Trading%2010`, { token: supervisor });
      expect(found.body.total).toBe(1);
      const operator = found.body.items[0];
      expect(operator).toMatchObject({
        legalName: 'Imported Trading 10 (Pty) Ltd',
        sizeClass: 'small',
        consent: { shareWithPartners: true, publishInDirectory: true },
        importedFrom: { fileName: 'register-2026-11.csv', sha256: first.body.sha256, line: 2, importedBy: 'supervisor-1' },
      });
      expect(operator.identifiers.map((i: { scheme: string; value: string }) => `${i.scheme}:${i.value}`).sort()).toEqual(['EORI:ZA7700000010', 'TIN:7700000010']);
      // The trader named in the file acts for it (and sees it as its own).
      const own = await call('GET', `${t.url}/operators`, { token: tokenFor('ZA', ['trader'], 'trader-za-9') });
      expect(own.body.items.map((o: { id: string }) => o.id)).toEqual([operator.id]);

      // The other services learn of it as of a registration: registered, then its consents.
      await eventually(() => expect(events.filter((e) => e.key === operator.id)).toHaveLength(2));
      const [registered, consent] = events
        .filter((e) => e.key === operator.id)
        .map((e) => fromBinary(EnvelopeSchema, e.value))
        .sort((a, b) => Number(a.sequence - b.sequence));
      expect(fromBinary(OperatorRegisteredSchema, registered.payload)).toMatchObject({ legalName: 'Imported Trading 10 (Pty) Ltd', registeredBy: 'trader-za-9' });
      expect(fromBinary(ConsentChangedSchema, consent.payload)).toMatchObject({ shareWithPartners: true, publishInDirectory: true });

      const second = await importFile(file, 'register-2026-11 (copy).csv', false);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ created: 0, unchanged: 3, problems: [] });
      expect(second.body.earlierRuns.map((r: { fileName: string }) => r.fileName)).toEqual(['register-2026-11.csv']);
      expect((await call('GET', `${t.url}/operators?name=Imported%20Trading%2010`, { token: supervisor })).body.total).toBe(1);

      // A file with one new row and the old ones: only the new row creates.
      const more = await importFile([HEADER, row(10), row(13)].join('\n'), 'more.csv', false);
      expect(more.body).toMatchObject({ created: 1, unchanged: 1 });
      const runs = await call('GET', `${t.url}/imports/operators`, { token: tokenFor('ZA', ['auditor'], 'auditor-1') });
      expect(runs.body.map((r: { fileName: string }) => r.fileName)).toEqual(['more.csv', 'register-2026-11 (copy).csv', 'register-2026-11.csv']);
    } finally {
      await subscription.close();
    }
  });

  it('checks a file longer than one chunk of rows (a thousand) against the rows of the chunks before, then writes every chunk', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(40000 + i));
    // Line 2,402 (third chunk) carries line 2's identifiers.
    const repeated = [HEADER, ...rows.slice(0, 2400), row(40000), ...rows.slice(2401)].join('\n');
    const dry = await importFile(repeated, 'long-repeated.csv', true);
    expect(dry.body).toMatchObject({ rows: 2500, created: 2499, unchanged: 0 });
    expect(dry.body.problems.map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [2402, 'TIN:ZA:7700040000 is also on line 2'],
      [2402, 'EORI:ZA:ZA7700040000 is also on line 2'],
    ]);
    expect((await importFile(repeated, 'long-repeated.csv', false)).status).toBe(422);
    expect((await call('GET', `${t.url}/operators?name=Imported%20Trading%2040001`, { token: supervisor })).body.total).toBe(0);

    const real = await importFile([HEADER, ...rows].join('\n'), 'long.csv', false);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ rows: 2500, created: 2500, unchanged: 0, problems: [] });
    for (const n of [40000, 41234, 42499]) {
      const found = await call('GET', `${t.url}/operators?name=${encodeURIComponent(`Imported Trading ${n} `)}`, { token: supervisor });
      expect(found.body.items.map((o: { importedFrom: { line: number; fileName: string } }) => o.importedFrom)).toEqual([expect.objectContaining({ fileName: 'long.csv', line: n - 40000 + 2 })]);
    }
    expect((await importFile([HEADER, ...rows].join('\n'), 'long.csv', true)).body).toMatchObject({ created: 0, unchanged: 2500, problems: [] });
  });

  it('refuses what is not an import: another role, JSON, no file name, an unknown column, a row half matching a registered operator', async () => {
    expect((await importFile([HEADER, row(20)].join('\n'), 'x.csv', true, tokenFor('ZA', ['officer'], 'officer-1'))).status).toBe(403);
    expect((await importFile([HEADER, row(20)].join('\n'), 'x.csv', true, tokenFor('ZA', ['trader'], 'trader-1'))).status).toBe(403);
    const json = await call('POST', `${t.url}/imports/operators?fileName=x.csv`, { token: supervisor, body: { rows: [] } });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('import.not_csv');
    const unnamed = await call('POST', `${t.url}/imports/operators`, { token: supervisor, file: { text: [HEADER, row(20)].join('\n'), type: 'text/csv' } });
    expect(unnamed.status).toBe(400);
    const unknown = await importFile(`${HEADER},colour\n${row(20)},red`, 'x.csv', true);
    expect(unknown.body.problems).toEqual([expect.objectContaining({ line: 1, column: 'colour' })]);
    const missing = await importFile('legal_name,street\nA,B', 'x.csv', true);
    expect(missing.body.problems.map((p: { column: string }) => p.column).sort()).toEqual(['city', 'country', 'identifiers', 'postal_code']);
    const unreadable = await importFile(`${HEADER}\n"unclosed,quote`, 'x.csv', true);
    expect(unreadable.status).toBe(200);
    expect(unreadable.body.problems[0].message).toMatch(/cannot be read as CSV/);

    expect((await importFile([HEADER, row(30)].join('\n'), 'one.csv', false)).status).toBe(200);
    const half = `"Half Ltd","TIN:ZA:7700000030; TIN:NA:7700000030",1 Road,Durban,4001,ZA,,,no,no,`;
    const refused = await importFile([HEADER, half].join('\n'), 'half.csv', true);
    expect(refused.body.problems).toEqual([expect.objectContaining({ line: 2, column: 'identifiers', message: expect.stringMatching(/already belong to a registered operator/) })]);
  });
});
