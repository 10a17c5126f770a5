import { AccreditationClient } from '@aeo/accreditation/testing';
import { RunningConsole, startConsoleServer } from '@aeo/console-server';
import { CONSOLE_ASSETS, DemoUser, spawnIdentityProvider } from '@aeo/launcher';
import { eventually, tokenFor } from '@aeo/testing';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pino from 'pino';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestFederation, TestFederation } from './support';

/**
 * The console in a real browser (Debian's Chromium, driven by Playwright), signed in through a
 * real OpenID provider, against a registry on real PostgreSQL and Kafka: a trader registers its
 * company and applies, an officer takes the application from the queue, both in English and French.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery staple';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until the element shows the text (the page renders as answers arrive); fails saying what it showed. */
async function shows(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = ((await locator.first().textContent({ timeout: Math.max(1, until - Date.now()) }).catch(() => last)) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return;
    if (Date.now() > until) throw new Error(`expected ${String(expected)}, the page showed ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });

describe('the console, in Chromium, signed in with OpenID Connect', () => {
  let idp: Awaited<ReturnType<typeof spawnIdentityProvider>>;
  let federation: TestFederation;
  let console_: RunningConsole;
  let browser: Browser;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
    if (!existsSync(`${CONSOLE_ASSETS}/index.html`)) throw new Error('the console is not built: npx nx run console:build');
    const users: DemoUser[] = [
      { username: 'trader-karoo', password: PASSWORD, name: 'Lindiwe Dube', roles: ['trader'], administration: 'ZA' },
      { username: 'officer-za', password: PASSWORD, name: 'Pieter Officer', roles: ['officer'], administration: 'ZA' },
    ];
    const consolePort = await freePort();
    idp = await spawnIdentityProvider({ users, audience: 'aeo-registry', clients: [{ clientId: 'console-za', origin: `http://127.0.0.1:${consolePort}` }] });
    federation = await startTestFederation(['ZA'], { oidc: { issuer: idp.issuer, jwksUri: idp.jwksUri } });
    const za = federation.admins.ZA;
    console_ = await startConsoleServer({
      administration: 'ZA',
      name: 'South Africa (SARS)',
      services: { 'operator-registry': za.urls.operatorRegistry, accreditation: za.urls.accreditation, 'conduct-compliance': za.urls.conductCompliance, 'mra-exchange': za.urls.mraExchange },
      oidc: { authority: idp.issuer, clientId: 'console-za' },
      assets: CONSOLE_ASSETS,
      port: consolePort,
      logger,
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await federation?.close();
    await idp?.close();
  });

  async function signIn(page: Page, username: string, password = PASSWORD) {
    await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).first().click();
    await page.waitForURL(`${idp.issuer}/**`);
    await page.getByLabel(/User name|Nom d'utilisateur/).fill(username);
    await page.getByLabel(/Password|Mot de passe/).fill(password);
    await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  }

  it('a trader signs in, registers its company and applies; a wrong password is refused', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    // What the page itself reports goes to the test's output (a 404 while accreditation learns of a new company is expected).
    page.on('pageerror', (e) => process.stderr.write(`browser page error: ${e.message}\n`));
    await page.goto(console_.url);
    await shows(page.getByTestId('administration'), 'South Africa (SARS) · ZA');

    await signIn(page, 'trader-karoo', 'not the password');
    await shows(page.getByRole('alert'), 'The user name or the password is wrong.');
    await page.getByLabel('User name').fill('trader-karoo');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${console_.url}/`);
    await shows(page.getByTestId('signed-in-as'), 'Lindiwe Dube · trader');

    await page.getByRole('link', { name: 'My companies' }).click();
    await visible(page.getByText('You have not registered a company yet.'));
    await page.getByRole('link', { name: 'Register a company' }).first().click();
    await page.getByLabel('Legal name').fill('Karoo Citrus Exporters (Pty) Ltd');
    await page.getByLabel(/^Identifier\s*\*?$/).fill('9055512345');
    await page.getByLabel('Street').fill('12 Orchard Lane');
    await page.getByLabel('City').fill('Citrusdal');
    await page.getByLabel('Postal code').fill('7340');
    await page.getByLabel('Employees').fill('18');
    await page.getByLabel('Annual turnover').fill('9000000');
    await page.getByRole('button', { name: 'Register', exact: true }).click();

    await visible(page.getByRole('heading', { name: 'Karoo Citrus Exporters (Pty) Ltd' }));
    await visible(page.getByText('MSME', { exact: true }));
    // Accreditation learns of the company from operator-registry's event; the page waits for it.
    await page.getByRole('button', { name: 'Start an application' }).click();
    await page.waitForURL(/\/applications\//);
    await shows(page.getByTestId('stage'), 'draft');
    const applicationId = page.url().split('/applications/')[1];

    // Submitting an incomplete questionnaire is refused, with the registry's reason shown.
    await page.getByRole('button', { name: 'Submit' }).click();
    await shows(page.getByRole('alert'), /the application is incomplete/);

    // The questionnaire's answers and evidence (many sections) go in through the same API the page uses.
    const trader = tokenFor('ZA', ['trader'], 'trader-karoo');
    await new AccreditationClient(federation.admins.ZA.urls.accreditation).completeSaq(trader, applicationId, 'F', 'msme');
    await page.reload();
    await visible(page.getByText('Every section is complete.'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await shows(page.getByTestId('stage'), 'submitted');
    await context.close();
  });

  it('an officer finds it in the work queue and accepts it, in French', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(console_.url);
    await page.getByText('Français', { exact: true }).click();
    await visible(page.getByRole('button', { name: 'Se connecter' }));
    await signIn(page, 'officer-za');
    await page.waitForURL(`${console_.url}/`);
    await shows(page.getByTestId('signed-in-as'), "Pieter Officer · agent d'agrément");
    await page.getByRole('link', { name: 'File de travail' }).first().click();
    await eventually(async () => {
      await page.reload();
      await visible(page.getByRole('link', { name: 'Karoo Citrus Exporters (Pty) Ltd' }), 2000);
    });
    await page.getByRole('link', { name: 'Karoo Citrus Exporters (Pty) Ltd' }).click();
    await shows(page.getByTestId('stage'), 'soumise');
    await page.getByRole('button', { name: 'Accepter' }).click();
    await shows(page.getByTestId('stage'), 'acceptée');
    await visible(page.getByRole('cell', { name: 'Accepter' }));
    await context.close();
  });

  it('a staff page asks a visitor to sign in first; a call without a valid token is refused', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${console_.url}/queue`);
    await visible(page.getByText('Sign in to continue.'));
    const r = await page.request.get(`${console_.url}/api/accreditation/applications`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(r.status()).toBe(401);
  });
});
