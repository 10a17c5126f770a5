import { RunningConsole, startConsoleServer } from '@aeo/console-server';
import { Role } from '@aeo/platform';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'pino';
import { RunningAdministration } from './administration';
import { DemoUser, RunningIdentityProvider } from './identity-provider';

const ROOT = join(__dirname, '..', '..', '..');
export const CONSOLE_ASSETS = join(ROOT, 'dist', 'apps', 'console');

/** The demo administrations' names as their consoles show them. */
export const ADMINISTRATION_NAMES: Record<string, string> = {
  ZA: 'South Africa (SARS)',
  BW: 'Botswana (BURS)',
  NA: 'Namibia (NamRA)',
  LS: 'Lesotho (RSL)',
  SZ: 'Eswatini (ERS)',
  GB: 'United Kingdom (HMRC)',
};

/** One demo user per role and administration; `trader-za-1` registered the first demo operator of ZA. */
export const DEMO_ROLES: { role: Role; username: (a: string) => string; name: string; label?: string }[] = [
  { role: 'trader', username: (a) => `trader-${a}-1`, name: 'Thandi (trader)' },
  // A customs broker: a trader user the first demo company chose as its representative.
  { role: 'trader', username: (a) => `broker-${a}`, name: 'Sipho (customs broker)', label: 'broker' },
  { role: 'officer', username: (a) => `officer-${a}`, name: 'Officer' },
  { role: 'supervisor', username: (a) => `supervisor-${a}`, name: 'Supervisor' },
  { role: 'partner', username: (a) => `partner-${a}`, name: 'Partner officer' },
  { role: 'agency', username: (a) => `agency-${a}`, name: 'Other agency' },
  { role: 'auditor', username: (a) => `auditor-${a}`, name: 'Auditor' },
];

export function demoUsers(administrations: string[], password: (username: string) => string): DemoUser[] {
  return administrations.flatMap((administration) =>
    DEMO_ROLES.map(({ role, username, name }) => {
      const u = username(administration.toLowerCase());
      // Their mail reaches the demo's own mail server (its web inbox shows it); nothing leaves the machine.
      return { username: u, password: password(u), name: `${name} ${administration}`, email: `${u}@aeo.demo.example`, roles: [role], administration };
    }),
  );
}

/** The console's files, built once (vite build) when this checkout has not built them yet. */
export function ensureConsoleBuilt(log: (line: string) => void): void {
  if (existsSync(join(CONSOLE_ASSETS, 'index.html'))) return;
  log('building the console (first start only): vite build');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'apps', 'console', 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the console did not build (vite build failed; see above)');
}

/** A console's client id at the OpenID provider. */
export const consoleClientId = (administration: string) => `console-${administration.toLowerCase()}`;

/** A console for each administration at its own origin (registered with the provider before it starts). */
export async function startConsoles(
  admins: RunningAdministration[],
  idp: RunningIdentityProvider,
  port: (index: number) => number,
  logger: Logger,
): Promise<{ administration: string; url: string; console: RunningConsole }[]> {
  const consoles = [];
  for (const [i, admin] of admins.entries()) {
    const clientId = consoleClientId(admin.administration);
    const running = await startConsoleServer({
      administration: admin.administration,
      name: ADMINISTRATION_NAMES[admin.administration] ?? admin.administration,
      services: {
        'operator-registry': admin.urls.operatorRegistry,
        accreditation: admin.urls.accreditation,
        'conduct-compliance': admin.urls.conductCompliance,
        'mra-exchange': admin.urls.mraExchange,
        notifications: admin.urls.notifications,
      },
      oidc: { authority: idp.issuer, clientId },
      assets: CONSOLE_ASSETS,
      port: port(i),
      logger,
    });
    consoles.push({ administration: admin.administration, url: running.url, console: running });
  }
  return consoles;
}
