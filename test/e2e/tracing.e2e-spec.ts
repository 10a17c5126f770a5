import { call, tokenFor } from '@aeo/testing';
import { eventually } from '@aeo/testing';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { applyAndGrant, recordArrangement, registerOperator, sqlRows, startTestFederation, TestFederation } from './support';

interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
}

/** Hex, whichever way the OTLP/JSON encoder wrote an id (hex per the spec; base64 by older encoders). */
const hex = (id: string | undefined) => (!id ? '' : /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));

/**
 * One status change followed end to end through OpenTelemetry: the services (processes of their
 * own, as in production) export their spans over OTLP/HTTP to a collector, and the request at
 * ZA's accreditation, ZA's mra-exchange taking the event, and BW's mra-exchange taking the signed
 * record are three spans of one trace, each the child of the one before.
 */
describe('tracing: a status change followed from the issuer API to the partner, over OTLP', () => {
  let federation: TestFederation;
  let collector: Server;
  const received: ReceivedSpan[] = [];

  beforeAll(async () => {
    collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const r of body.resourceSpans ?? []) {
          const service = r.resource.attributes.find((a: { key: string }) => a.key === 'service.name')?.value.stringValue;
          for (const scope of r.scopeSpans) for (const s of scope.spans) received.push({ service, name: s.name, traceId: hex(s.traceId), spanId: hex(s.spanId), parentSpanId: hex(s.parentSpanId) });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    federation = await startTestFederation(['ZA', 'BW'], {
      asProcesses: { ZA: ['accreditation', 'mra-exchange'], BW: ['mra-exchange'] },
      otlpEndpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    });
    await recordArrangement(federation, { name: 'ZA-BW MRA' });
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
    await new Promise((r) => collector?.close(r));
  });

  it('exports the request, the issuer taking the event and the partner taking the record as one trace', async () => {
    const za = federation.admins.ZA;
    const operatorId = await registerOperator(za, 'trader-trace', { legalName: 'Traced Freight', tin: '9066600001' });
    const granted = await applyAndGrant(za, 'trader-trace', operatorId, 'F');
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const response = await fetch(`${za.urls.accreditation}/authorisations/${granted.id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('ZA', ['trader'], 'trader-trace')}`, 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpan}-01` },
      body: JSON.stringify({ action: 'request_suspension', reason: 'traced' }),
    });
    expect(response.status).toBe(201);

    const of = (service: string, name: RegExp) => received.find((s) => s.traceId === traceId && s.service === service && name.test(s.name));
    await eventually(() => {
      expect(of('za.accreditation', /^POST \/authorisations\/:id\/transitions$/)).toBeDefined();
      expect(of('za.mra-exchange', /accreditation\.authorisation-status-changed\.v1 process$/)).toBeDefined();
      expect(of('bw.mra-exchange', /mra-exchange\.records\.ZA\.to\.BW\.v2 process$/)).toBeDefined();
    }, { timeoutMs: 60_000 }).catch(async (e) => {
      const rows = await sqlRows(federation.databases.BW.url, `SELECT issuer, sequence, status FROM mra_exchange.received_record`);
      const held = await sqlRows(federation.databases.BW.url, `SELECT topic, reason FROM mra_exchange.held_message`);
      const dead = await sqlRows(federation.databases.BW.url, `SELECT topic, reason FROM mra_exchange.dead_letter`);
      throw new Error(`${(e as Error).message}\nat BW: ${JSON.stringify({ rows, held, dead, deadLetters: federation.deadLetters })}\nspans received: ${JSON.stringify(received.filter((r) => r.service !== "za.accreditation").map((r) => [r.service, r.name, r.traceId === traceId, r.traceId.slice(0, 6), r.spanId.slice(0, 6), r.parentSpanId.slice(0, 6)]).slice(-40))}`);
    });
    const request = of('za.accreditation', /^POST /)!;
    const issuer = of('za.mra-exchange', /authorisation-status-changed/)!;
    const partner = of('bw.mra-exchange', /records\.ZA\.to\.BW/)!;
    expect(request.parentSpanId).toBe(callerSpan);
    expect(issuer.parentSpanId).toBe(request.spanId);
    expect(partner.parentSpanId).toBe(issuer.spanId);
    // The partner's answer changed with it.
    await eventually(async () => {
      const answer = await call('GET', `${federation.admins.BW.urls.mraExchange}/recognitions?issuer=ZA&scheme=TIN&identifier=9066600001`, { token: tokenFor('BW', ['partner']) });
      expect(answer.body.status).toBe('suspended');
    }, { timeoutMs: 30_000 });
  });
});
