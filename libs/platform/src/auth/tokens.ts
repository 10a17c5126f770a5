import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AccessTokenClaims, Principal, profileClaims, Role, ROLES } from './principal';

/** The one algorithm tokens may use; anything else (none, RS256 with a swapped key...) is refused. */
export const TOKEN_ALGORITHM = 'HS256' as const;

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

export class InvalidTokenError extends Error {}

// jsonwebtoken tries to read a string secret as a public key on every call (a fifth of a busy
// server's time); a KeyObject made once is taken as it is.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/** Signs an access token; used by the mint-token script, the demo and tests. */
export function signAccessToken(
  settings: TokenSettings,
  principal: { subject: string; roles: Role[]; administration: string; email?: string; name?: string; locale?: string },
  expiresInSeconds = 3600,
): string {
  const claims: AccessTokenClaims = { roles: principal.roles, adm: principal.administration };
  if (principal.email) claims.email = principal.email;
  if (principal.name) claims.name = principal.name;
  if (principal.locale) claims.locale = principal.locale;
  return jwt.sign(claims, secretKey(settings.secret), {
    algorithm: TOKEN_ALGORITHM,
    subject: principal.subject,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: expiresInSeconds,
  });
}

/** Verifies signature, algorithm, issuer, audience and expiry (which must be present). */
export function verifyAccessToken(settings: TokenSettings, token: string): Principal {
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secretKey(settings.secret), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
    });
    if (typeof decoded === 'string') throw new InvalidTokenError('token payload is not a JSON object');
    payload = decoded;
  } catch (e) {
    if (e instanceof InvalidTokenError) throw e;
    throw new InvalidTokenError(`invalid token: ${(e as Error).message}`);
  }
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('invalid token: exp claim is required');
  if (!payload.sub) throw new InvalidTokenError('invalid token: sub claim is required');
  const roles = payload.roles;
  if (!Array.isArray(roles) || !roles.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw new InvalidTokenError(`invalid token: roles must be a list of ${ROLES.join(', ')}`);
  }
  if (typeof payload.adm !== 'string' || !/^[A-Z]{2}$/.test(payload.adm)) {
    throw new InvalidTokenError('invalid token: adm must be an ISO 3166 alpha-2 code');
  }
  return { subject: payload.sub, roles: roles as Role[], administration: payload.adm, ...profileClaims(payload) };
}
