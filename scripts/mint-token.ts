/**
 * Mints an access token for local use:
 *   npm run token -- --adm ZA --roles officer,supervisor [--sub alice] [--hours 8]
 * The secret is JWT_SECRET, or the one `npm start` keeps in .data/jwt-secret.
 */
import { ROLES, Role, signAccessToken } from '@aeo/platform';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    adm: { type: 'string', default: 'ZA' },
    roles: { type: 'string', default: 'officer' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const roles = values.roles!.split(',') as Role[];
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length) fail(`unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
if (!/^[A-Z]{2}$/.test(values.adm!)) fail('--adm must be an ISO 3166 alpha-2 code such as ZA');
const hours = Number(values.hours);
if (!(hours > 0 && hours <= 24)) fail('--hours must be between 0 and 24');
const secretFile = join(__dirname, '..', '.data', 'jwt-secret');
const secret = process.env.JWT_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8') : undefined);
if (!secret) fail('set JWT_SECRET, or run `npm start` once so that .data/jwt-secret exists');

process.stdout.write(
  signAccessToken(
    { secret, issuer: process.env.JWT_ISSUER ?? 'aeo-registry', audience: process.env.JWT_AUDIENCE ?? 'aeo-registry' },
    { subject: values.sub ?? `${roles[0]}-${values.adm!.toLowerCase()}`, roles, administration: values.adm! },
    Math.round(hours * 3600),
  ) + '\n',
);
