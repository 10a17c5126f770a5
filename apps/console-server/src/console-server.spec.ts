import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RunningConsole, startConsoleServer } from './console-server';

/** A stand-in service that says what it received. */
async function echoService(name: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ service: name, method: req.method, url: req.url, authorization: req.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the console server: one origin per administration', () => {
  let running: RunningConsole;
  let services: Server[];
  const assets = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(assets, 'assets'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(assets, 'assets', 'main-abc123.js'), 'console.log(1)');

  beforeAll(async () => {
    const registry = await echoService('operator-registry');
    const accreditation = await echoService('accreditation');
    services = [registry.server, accreditation.server];
    running = await startConsoleServer({
      administration: 'ZA',
      name: 'South Africa (SARS)',
      services: { 'operator-registry': registry.url, accreditation: accreditation.url, 'conduct-compliance': 'http://127.0.0.1:9', 'mra-exchange': 'http://127.0.0.1:9', notifications: 'http://127.0.0.1:9' },
      oidc: { authority: 'http://127.0.0.1:4090', clientId: 'console-za' },
      assets,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await running.close();
    for (const s of services) s.close();
  });

  it('tells the page which administration it serves and where to sign in', async () => {
    const r = await fetch(`${running.url}/config.json`);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({ administration: 'ZA', name: 'South Africa (SARS)', authority: 'http://127.0.0.1:4090', clientId: 'console-za' });
  });

  it('forwards /api/<service>/… to that service, path, query and bearer token as they were', async () => {
    const r = await fetch(`${running.url}/api/accreditation/applications?stage=submitted&limit=5`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ service: 'accreditation', method: 'GET', url: '/applications?stage=submitted&limit=5', authorization: 'Bearer abc.def.ghi' });
    const post = await fetch(`${running.url}/api/operator-registry/operators`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(await post.json()).toMatchObject({ service: 'operator-registry', method: 'POST', url: '/operators' });
  });

  it('answers a problem, not a page, for an unknown service or one that does not answer', async () => {
    const unknown = await fetch(`${running.url}/api/payroll/x`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ code: 'console.no_such_service' });
    const down = await fetch(`${running.url}/api/mra-exchange/recognitions`);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ code: 'console.service_unavailable', detail: 'mra-exchange did not answer; try again in a moment' });
    // The services' metrics stay on the internal network.
    const metrics = await fetch(`${running.url}/api/operator-registry/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.json()).toMatchObject({ code: 'console.not_forwarded' });
  });

  it('serves the page for every route of the console, and its assets to be cached for good', async () => {
    for (const path of ['/', '/companies/0b7c6a58-3a0f-4d7e-9b8e-2f1f0c6d1a11', '/callback?code=x&state=y']) {
      const page = await fetch(`${running.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    const asset = await fetch(`${running.url}/assets/main-abc123.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
  });

  it('refuses to start without the built console', async () => {
    await expect(
      startConsoleServer({
        administration: 'ZA',
        name: 'ZA',
        services: { 'operator-registry': '', accreditation: '', 'conduct-compliance': '', 'mra-exchange': '', notifications: '' },
        oidc: { authority: 'x', clientId: 'y' },
        assets: join(assets, 'nothing'),
        logger: pino({ level: 'silent' }),
      }),
    ).rejects.toThrow(/the console is not built/);
  });
});
