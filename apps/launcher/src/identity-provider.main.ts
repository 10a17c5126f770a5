/** The demo's OpenID provider as a process of its own (spawnIdentityProvider). */
import { createLogger } from '@aeo/platform';
import { IdentityProviderOptions, startIdentityProvider } from './identity-provider';

const options = JSON.parse(process.env.IDENTITY_PROVIDER_OPTIONS ?? '{}') as Omit<IdentityProviderOptions, 'logger'>;
const logger = createLogger({ service: 'identity-provider', administration: options.users?.[0]?.administration ?? 'ZA', level: process.env.LOG_LEVEL ?? 'warn' });
startIdentityProvider({ ...options, logger }).then(
  (idp) => {
    process.stdout.write(`ready ${JSON.stringify({ issuer: idp.issuer, jwksUri: idp.jwksUri })}\n`);
    const stop = () => void idp.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e) => {
    process.stderr.write(`the identity provider did not start: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
