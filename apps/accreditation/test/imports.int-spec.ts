import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, AuthorisationStatusChangedSchema, EnvelopeSchema, Events } from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ACCREDITATION } from '../src';

const HEADER = 'operator,aeo_type,certificate_number,authorised_on,valid_to';

describe('bulk import of authorisations granted before the registry, on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-imp');
  const importFile = (text: string, fileName: string, dryRun: boolean, token = supervisor) =>
    call('POST', `${t.url}/imports/authorisations?fileName=${encodeURIComponent(fileName)}&dryRun=${dryRun}`, { token, file: { text, type: 'text/csv' } });
  const operators = [randomUUID(), randomUUID(), randomUUID()];
  const tin = (n: number) => `TIN:ZA:880000000${n}`;

  beforeAll(async () => {
    t = await startTestService(ACCREDITATION);
    for (const [n, operatorId] of operators.entries()) {
      await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
        operatorId, legalName: `Legacy AEO ${n}`, registeredBy: 'supervisor-imp', identifiers: [{ scheme: 'TIN', value: `880000000${n}`, issuer: 'ZA' }],
      }), { aggregateId: operatorId });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checks every row, brings the authorisations in force in with their certificate numbers, tells partners, and a second run changes nothing', async () => {
    const events: DeliveredMessage[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.import-reader`,
      topics: [t.topics.of(Events.authorisationStatusChanged)],
      handle: async (m) => void events.push(m),
    });
    try {
      const good = [HEADER, `${tin(0)},F,ZAAEOF0000777,2010-06-01,2028-05-31`, `${tin(1)},AEO-S,ZA/AEO/S/2019/12,2019-03-15,2027-03-14`].join('\n');
      // accreditation learns of the operators through Kafka: the dry run is clean once it has.
      await eventually(async () => expect((await importFile(good, 'legacy.csv', true)).body).toMatchObject({ created: 2, problems: [] }), { timeoutMs: 20_000 });

      const bad = [
        HEADER,
        `${tin(0)},F,ZAAEOF0000777,2010-06-01,2028-05-31`,
        'TIN:ZA:1234567890,F,ZAAEOF0000778,2010-06-01,2028-05-31', // nobody has it
        `${tin(1)},X,Z!,2031-01-01,2020-01-01`, // type, number, future grant, past validity
        `${tin(2)},C,ZAAEOF0000777,2015-01-01,2029-12-31`, // the certificate number of line 2
        `${tin(0)},C,ZAAEOC0000779,2015-01-01,2015-01-01`, // ends the day it starts (and is past)
      ].join('\n');
      const dry = await importFile(bad, 'bad.csv', true);
      const cols = (line: number) => dry.body.problems.filter((p: { line: number }) => p.line === line).map((p: { column: string }) => p.column).sort();
      expect(cols(3)).toEqual(['operator']);
      expect(cols(4)).toEqual(['aeo_type', 'authorised_on', 'certificate_number', 'valid_to']);
      expect(cols(5)).toEqual(['certificate_number']);
      expect(cols(6)).toEqual(['valid_to']);
      expect((await importFile(bad, 'bad.csv', false)).status).toBe(422);

      const first = await importFile(good, 'legacy.csv', false);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ created: 2, unchanged: 0, run: { fileName: 'legacy.csv', importedBy: 'supervisor-imp' } });

      const list = await call('GET', `${t.url}/operators/${operators[0]}/authorisations`, { token: supervisor });
      expect(list.status).toBe(200);
      const imported = list.body[0];
      expect(imported).toMatchObject({
        certificateNumber: 'ZAAEOF0000777',
        aeoType: 'F',
        status: 'valid',
        applicationId: null,
        importedFrom: { fileName: 'legacy.csv', sha256: first.body.sha256, line: 2, importedBy: 'supervisor-imp' },
      });
      expect(new Date(imported.authorisedOn).toISOString()).toBe('2010-06-01T00:00:00.000Z');
      expect(new Date(imported.validTo).toISOString()).toBe('2028-05-31T23:59:59.999Z');
      const history = await call('GET', `${t.url}/operators/${operators[0]}/history`, { token: tokenFor('ZA', ['auditor'], 'auditor-imp') });
      expect(history.body).toEqual([
        expect.objectContaining({ action: 'import', toState: 'valid', actor: 'supervisor-imp', reason: 'imported from legacy.csv', details: expect.objectContaining({ sha256: first.body.sha256, line: 2 }) }),
      ]);
      // The certificate (its number kept) answers on the public verify page.
      const verified = await call('GET', `${t.url}/verify/${imported.id}`);
      expect(verified.body).toMatchObject({ certificateNumber: 'ZAAEOF0000777', status: 'valid', holder: 'Legacy AEO 0' });

      // Partners and the other services are told as of a grant: valid since the day it was granted.
      await eventually(() => expect(events.filter((e) => e.key === imported.id)).toHaveLength(1));
      const told = fromBinary(AuthorisationStatusChangedSchema, fromBinary(EnvelopeSchema, events.find((e) => e.key === imported.id)!.value).payload);
      expect(told).toMatchObject({ operatorId: operators[0], certificateNumber: 'ZAAEOF0000777', aeoType: AeoType.F, status: AeoStatus.VALID });
      expect(timestampDate(told.authorisedOn!).toISOString()).toBe('2010-06-01T00:00:00.000Z');

      // A number in this administration's format keeps its serial, and the next grant is numbered after it.
      const db = new Client({ connectionString: t.db.url });
      await db.connect();
      const [{ last_value }] = (await db.query(`SELECT last_value FROM accreditation.certificate_serial`)).rows;
      const serials = (await db.query(`SELECT certificate_number, certificate_serial FROM accreditation.authorisation ORDER BY certificate_number`)).rows;
      await db.end();
      expect(Number(last_value)).toBeGreaterThanOrEqual(777);
      expect(serials.find((r) => r.certificate_number === 'ZAAEOF0000777').certificate_serial).toBe(777);

      const again = await importFile(good, 'legacy-again.csv', false);
      expect(again.body).toMatchObject({ created: 0, unchanged: 2, problems: [] });
      expect((await call('GET', `${t.url}/operators/${operators[0]}/authorisations`, { token: supervisor })).body).toHaveLength(1);

      // An operator holding an authorisation in force takes no second one; a kept number must say the same.
      const conflicting = await importFile(
        [HEADER, `${tin(0)},C,ZAAEOC0000780,2012-01-01,2029-01-01`, `${tin(2)},C,ZAAEOF0000777,2010-06-01,2028-05-31`, `${tin(2)},C,ZAAEOC0000777,2010-06-01,2028-05-31`].join('\n'),
        'c.csv',
        true,
      );
      expect(conflicting.body.problems).toEqual([
        expect.objectContaining({ line: 2, column: 'operator', message: expect.stringMatching(/already holds ZAAEOF0000777/) }),
        expect.objectContaining({ line: 3, column: 'certificate_number', message: expect.stringMatching(/held by another authorisation/) }),
        // Another type, the same serial: two certificates would share it (and a partial revocation would renumber one into the other).
        expect.objectContaining({ line: 4, column: 'certificate_number', message: 'its serial 777 is that of certificate ZAAEOF0000777: one serial per authorisation' }),
      ]);
      const chain = await call('GET', `${t.url}/history/verification`, { token: tokenFor('ZA', ['auditor'], 'auditor-imp') });
      expect(chain.body).toMatchObject({ intact: true });
    } finally {
      await subscription.close();
    }
  });

  it('lets only a supervisor import, and documents the columns', async () => {
    expect((await importFile(`${HEADER}\n${tin(2)},C,ZAAEOC0000900,2012-01-01,2029-01-01`, 'x.csv', true, tokenFor('ZA', ['officer'], 'o'))).status).toBe(403);
    const columns = await call('GET', `${t.url}/imports/authorisations/columns`, { token: tokenFor('ZA', ['officer'], 'o') });
    expect(columns.body.map((c: { name: string }) => c.name)).toEqual(['operator', 'aeo_type', 'certificate_number', 'authorised_on', 'valid_to']);
  });
});
