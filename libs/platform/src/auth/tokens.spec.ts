import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken } from './tokens';

const settings = { secret: 's'.repeat(32), issuer: 'aeo-registry', audience: 'aeo-registry' };
const principal = { subject: 'officer-1', roles: ['officer' as const], administration: 'ZA' };

describe('access tokens', () => {
  it('round-trips a principal', () => {
    expect(verifyAccessToken(settings, signAccessToken(settings, principal))).toEqual(principal);
  });

  it('refuses another algorithm, no expiry, unknown roles and a bad administration', () => {
    const none = jwt.sign({ roles: ['officer'], adm: 'ZA' }, '', { algorithm: 'none', subject: 'x', issuer: 'aeo-registry', audience: 'aeo-registry', expiresIn: 60 });
    expect(() => verifyAccessToken(settings, none)).toThrow(/invalid token/);
    const hs512 = jwt.sign({ roles: ['officer'], adm: 'ZA' }, settings.secret, { algorithm: 'HS512', subject: 'x', issuer: 'aeo-registry', audience: 'aeo-registry', expiresIn: 60 });
    expect(() => verifyAccessToken(settings, hs512)).toThrow(/invalid algorithm/);
    const noExp = jwt.sign({ roles: ['officer'], adm: 'ZA' }, settings.secret, { algorithm: 'HS256', subject: 'x', issuer: 'aeo-registry', audience: 'aeo-registry' });
    expect(() => verifyAccessToken(settings, noExp)).toThrow(/exp claim is required/);
    const badRole = jwt.sign({ roles: ['king'], adm: 'ZA' }, settings.secret, { algorithm: 'HS256', subject: 'x', issuer: 'aeo-registry', audience: 'aeo-registry', expiresIn: 60 });
    expect(() => verifyAccessToken(settings, badRole)).toThrow(/roles must be a list/);
    const badAdm = jwt.sign({ roles: ['officer'], adm: 'Zed' }, settings.secret, { algorithm: 'HS256', subject: 'x', issuer: 'aeo-registry', audience: 'aeo-registry', expiresIn: 60 });
    expect(() => verifyAccessToken(settings, badAdm)).toThrow(/adm must be/);
  });
});
