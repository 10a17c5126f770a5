import jwt from 'jsonwebtoken';
import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { InvalidTokenError, signAccessToken } from './tokens';
import { TokenKeysUnavailableError, TokenVerifier } from './token-verifier';

/** A stand-in OpenID provider: a discovery document and a JWKS whose keys the test rotates. */
class Provider {
  keys: { kid: string; alg: 'ES256' | 'RS256'; privateKey: KeyObject; publicKey: KeyObject }[] = [];
  jwksRequests = 0;
  private server!: Server;
  issuer = '';

  async start() {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/.well-known/openid-configuration')) return res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` }));
      if (req.url === '/jwks') {
        this.jwksRequests++;
        return res.end(JSON.stringify({ keys: this.keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: k.alg, use: 'sig' })) }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  addKey(alg: 'ES256' | 'RS256' = 'ES256') {
    const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = { kid: randomUUID(), alg, ...pair };
    this.keys.unshift(key);
    return key;
  }

  token(claims: Record<string, unknown> = {}, options: { key?: Provider['keys'][number]; issuer?: string; audience?: string; expiresIn?: number } = {}) {
    const key = options.key ?? this.keys[0];
    return jwt.sign({ roles: ['officer'], adm: 'ZA', ...claims }, key.privateKey, {
      algorithm: key.alg,
      keyid: key.kid,
      subject: 'officer-1',
      issuer: options.issuer ?? this.issuer,
      audience: options.audience ?? 'aeo-registry',
      expiresIn: options.expiresIn ?? 300,
    });
  }

  close() {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

describe('tokens of an OpenID provider, verified with the keys of its JWKS', () => {
  let provider: Provider;
  let verifier: TokenVerifier;
  const oidc = () => ({ issuer: provider.issuer, audience: 'aeo-registry', rolesClaim: 'roles', administrationClaim: 'adm' });

  beforeEach(async () => {
    provider = await new Provider().start();
    provider.addKey('ES256');
    verifier = new TokenVerifier({ oidc: oidc() });
  });
  afterEach(() => provider.close());

  const refusal = async (token: string, v = verifier) => {
    const e = await v.verify(token).then(() => undefined, (error: Error) => error);
    expect(e).toBeInstanceOf(InvalidTokenError);
    return e!.message;
  };

  it('takes an ES256 or RS256 token of the provider, and reads who is calling from it', async () => {
    await expect(verifier.verify(provider.token({ roles: ['officer', 'supervisor'] }))).resolves.toEqual({
      subject: 'officer-1',
      roles: ['officer', 'supervisor'],
      administration: 'ZA',
    });
    provider.addKey('RS256');
    const fresh = new TokenVerifier({ oidc: oidc() });
    await expect(fresh.verify(provider.token())).resolves.toMatchObject({ subject: 'officer-1' });
  });

  it('finds a key the provider rotated in after this service started, without a restart', async () => {
    let clock = 1_000_000;
    verifier = new TokenVerifier({ oidc: oidc(), keys: { now: () => clock } });
    await verifier.verify(provider.token());
    clock += 31_000; // unknown key ids are looked up at most every 30 s
    const before = provider.jwksRequests;
    const rotated = provider.addKey('ES256');
    await expect(verifier.verify(provider.token({}, { key: rotated }))).resolves.toMatchObject({ subject: 'officer-1' });
    expect(provider.jwksRequests).toBe(before + 1);
    // Known keys come from the cache.
    await verifier.verify(provider.token({}, { key: rotated }));
    expect(provider.jwksRequests).toBe(before + 1);
  });

  it('takes a token it verified lately without checking its signature again, for a minute at most, and never past its expiry', async () => {
    let clock = 1_000_000;
    const v = new TokenVerifier({ oidc: oidc(), keys: { now: () => clock } });
    const checks = jest.spyOn(jwt, 'verify');
    try {
      const token = provider.token();
      const first = await v.verify(token);
      await expect(v.verify(token)).resolves.toBe(first); // a partner's system asking again with its token
      expect(checks).toHaveBeenCalledTimes(1);
      expect(Object.isFrozen(first)).toBe(true); // shared by the requests that bring the token
      clock += 61_000;
      await expect(v.verify(token)).resolves.toMatchObject({ subject: 'officer-1' });
      expect(checks).toHaveBeenCalledTimes(2);
      // A token that expires within the minute is refused once it has, though verified before.
      const real = new TokenVerifier({ oidc: oidc() });
      const short = provider.token({}, { expiresIn: 1 });
      await real.verify(short);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await refusal(short, real)).toMatch(/jwt expired/);
    } finally {
      checks.mockRestore();
    }
  });

  it('does not let tokens with made-up key ids make it fetch the keys again and again, and keeps known keys meanwhile', async () => {
    await verifier.verify(provider.token());
    const before = provider.jwksRequests;
    for (let i = 0; i < 50; i++) {
      const forged = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: `k${i}` })).toString('base64url')}.e30.x`;
      expect(await refusal(forged)).toMatch(/signing key k\d+ is not published/);
    }
    expect(provider.jwksRequests).toBe(before);
    await expect(verifier.verify(provider.token())).resolves.toMatchObject({ subject: 'officer-1' });
    const long = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'x'.repeat(200) })).toString('base64url')}.e30.x`;
    expect(await refusal(long)).toMatch(/key id longer than 128/);
  });

  it('says the keys cannot be read (not "invalid token") when the provider is down, and keeps a known key meanwhile', async () => {
    let clock = 1_000_000;
    const v = new TokenVerifier({ oidc: oidc(), keys: { now: () => clock } });
    await v.verify(provider.token());
    const known = provider.token();
    const rotated = provider.addKey('ES256');
    const unknown = provider.token({}, { key: rotated });
    await provider.close();
    clock += 11 * 60_000; // past the key set's maximum age: it is read again, and that fails
    await expect(v.verify(known)).resolves.toMatchObject({ subject: 'officer-1' });
    await expect(v.verify(unknown)).rejects.toBeInstanceOf(TokenKeysUnavailableError);
    provider = await new Provider().start(); // for afterEach
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const stranger = new Provider();
    stranger.issuer = provider.issuer;
    const key = stranger.addKey('ES256');
    expect(await refusal(stranger.token({}, { key }))).toMatch(/signing key .* is not published/);
  });

  it('refuses another issuer, another audience, an expired token and one with no known role or administration', async () => {
    expect(await refusal(provider.token({}, { issuer: 'http://elsewhere' }))).toMatch(/jwt issuer invalid/);
    expect(await refusal(provider.token({}, { audience: 'someone-else' }))).toMatch(/jwt audience invalid/);
    expect(await refusal(provider.token({}, { expiresIn: -10 }))).toMatch(/jwt expired/);
    expect(await refusal(provider.token({ roles: ['admin'] }))).toMatch(/roles must name at least one of/);
    expect(await refusal(provider.token({ adm: 'south africa' }))).toMatch(/adm must be an ISO 3166 alpha-2 code/);
  });

  it('refuses a shared-secret (HS256) token and an unsigned one when only the provider is trusted', async () => {
    const hs = signAccessToken({ secret: 'x'.repeat(32), issuer: provider.issuer, audience: 'aeo-registry' }, { subject: 's', roles: ['officer'], administration: 'ZA' });
    expect(await refusal(hs)).toMatch(/HS256 tokens are not accepted here/);
    const none = jwt.sign({ roles: ['officer'], adm: 'ZA', sub: 's', iss: provider.issuer, aud: 'aeo-registry' }, '', { algorithm: 'none' });
    expect(await refusal(none)).toMatch(/algorithm none is not accepted/);
  });

  it('reads roles and administration where another provider puts them (Keycloak: realm_access.roles)', async () => {
    const keycloak = new TokenVerifier({ oidc: { ...oidc(), rolesClaim: 'realm_access.roles', administrationClaim: 'customs_administration' } });
    const token = provider.token({ roles: undefined, adm: undefined, realm_access: { roles: ['offline_access', 'supervisor'] }, customs_administration: 'BW' });
    await expect(keycloak.verify(token)).resolves.toEqual({ subject: 'officer-1', roles: ['supervisor'], administration: 'BW' });
  });

  it('keeps HS256 for the tests and the token script when a shared secret is configured', async () => {
    const both = new TokenVerifier({ shared: { secret: 'y'.repeat(32), issuer: 'aeo-registry', audience: 'aeo-registry' }, oidc: oidc() });
    const hs = signAccessToken({ secret: 'y'.repeat(32), issuer: 'aeo-registry', audience: 'aeo-registry' }, { subject: 's', roles: ['trader'], administration: 'ZA' });
    await expect(both.verify(hs)).resolves.toMatchObject({ subject: 's', roles: ['trader'] });
    await expect(both.verify(provider.token())).resolves.toMatchObject({ subject: 'officer-1' });
  });

  it('answers "keys unavailable" when the discovery document cannot be read, and refuses one that names another issuer', async () => {
    const late = new TokenVerifier({ oidc: { ...oidc(), issuer: 'http://127.0.0.1:9' } });
    await expect(late.verify(provider.token({}, { issuer: 'http://127.0.0.1:9' }))).rejects.toThrow(/the signing keys of http:\/\/127\.0\.0\.1:9 could not be read/);
    const impostor = new TokenVerifier({ oidc: { ...oidc(), issuer: `${provider.issuer}/other` } });
    await expect(impostor.verify(provider.token({}, { issuer: `${provider.issuer}/other` }))).rejects.toThrow(/is the document of http:\/\/127\.0\.0\.1:\d+, not of/);
  });
});
