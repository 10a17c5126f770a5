/**
 * The console's server as a deployable of its own:
 *   ADMINISTRATION=ZA CONSOLE_NAME="South Africa (SARS)" OIDC_ISSUER=https://id.example OIDC_CLIENT_ID=console-za \
 *   OPERATOR_REGISTRY_URL=… ACCREDITATION_URL=… CONDUCT_COMPLIANCE_URL=… MRA_EXCHANGE_URL=… NOTIFICATIONS_URL=… \
 *   HTTP_PORT=8080 node -r @swc-node/register apps/console-server/src/main.ts
 * It serves dist/apps/console (npx nx run console:build) unless CONSOLE_ASSETS says where.
 */
import { createLogger } from '@aeo/platform';
import { join } from 'node:path';
import { startConsoleServer } from './console-server';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`console-server did not start: ${name} is required\n`);
    process.exit(1);
  }
  return value;
}

const administration = required('ADMINISTRATION');
const logger = createLogger({ service: 'console-server', administration, level: process.env.LOG_LEVEL ?? 'info' });
startConsoleServer({
  administration,
  name: process.env.CONSOLE_NAME ?? administration,
  oidc: { authority: required('OIDC_ISSUER'), clientId: required('OIDC_CLIENT_ID') },
  services: {
    'operator-registry': required('OPERATOR_REGISTRY_URL'),
    accreditation: required('ACCREDITATION_URL'),
    'conduct-compliance': required('CONDUCT_COMPLIANCE_URL'),
    'mra-exchange': required('MRA_EXCHANGE_URL'),
    notifications: required('NOTIFICATIONS_URL'),
  },
  assets: process.env.CONSOLE_ASSETS ?? join(__dirname, '..', '..', '..', 'dist', 'apps', 'console'),
  host: process.env.HTTP_HOST ?? '127.0.0.1',
  port: Number(process.env.HTTP_PORT ?? 8080),
  logger,
}).then(
  (running) => {
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (e) => {
    process.stderr.write(`console-server did not start: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
