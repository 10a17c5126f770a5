import { Role, signAccessToken } from '@aeo/platform';
import { randomBytes } from 'node:crypto';

/** A fresh secret per test run: no token outlives it. */
export const TEST_JWT_SECRET = randomBytes(32).toString('hex');

/** A short-lived token minted at run time. */
export function tokenFor(
  administration: string,
  roles: Role[],
  subject = `${roles[0]}-${administration.toLowerCase()}`,
  secret = TEST_JWT_SECRET,
  profile: { email?: string; name?: string; locale?: string } = {},
): string {
  return signAccessToken({ secret, issuer: 'aeo-registry', audience: 'aeo-registry' }, { subject, roles, administration, ...profile }, 600);
}
