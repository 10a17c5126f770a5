import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { InvalidTokenError, TOKEN_ALGORITHM, verifyAccessToken } from './tokens';
import { Principal, Role, ROLES } from './principal';

/** Algorithms accepted from an OpenID provider: asymmetric only, so no service can mint a token. */
export const PROVIDER_ALGORITHMS = ['RS256', 'ES256'] as const;

export interface OidcSettings {
  /** The provider's issuer URL; a token's `iss` must be exactly this. */
  issuer: string;
  /** Where its signing keys are published; read from the discovery document when not given. */
  jwksUri?: string;
  /** The `aud` the registry's access tokens carry. */
  audience: string;
  /** Claims holding the roles and the administration code (dot paths, e.g. realm_access.roles). */
  rolesClaim: string;
  administrationClaim: string;
}

export interface TokenVerifierSettings {
  /** HS256 with a shared secret: tests and the token script only, never the production path. */
  shared?: { secret: string; issuer: string; audience: string };
  /** Tokens of an OpenID provider, verified with the keys of its JWKS (fetched, cached, refreshed on an unknown key id). */
  oidc?: OidcSettings;
}

/**
 * Verifies a bearer token: signature, algorithm, issuer, audience and expiry. Provider tokens are
 * checked against the provider's published keys; a key the provider rotated in is fetched when a
 * token names it (jwks-rsa caches keys and rate-limits the fetches), so no restart is needed.
 */
export class TokenVerifier {
  private jwks?: JwksClient;
  private jwksUri?: Promise<string>;

  constructor(private readonly settings: TokenVerifierSettings) {
    if (!settings.shared && !settings.oidc) throw new Error('a token verifier needs an OpenID provider (OIDC_ISSUER) or a shared secret (JWT_SECRET)');
  }

  async verify(token: string): Promise<Principal> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidTokenError('invalid token: not a JWT');
    const alg = decoded.header.alg;
    if (alg === TOKEN_ALGORITHM) {
      if (!this.settings.shared) throw new InvalidTokenError(`invalid token: ${alg} tokens are not accepted here`);
      return verifyAccessToken(this.settings.shared, token);
    }
    const oidc = this.settings.oidc;
    if (!oidc) throw new InvalidTokenError(`invalid token: ${alg} tokens are not accepted here (no OpenID provider is configured)`);
    if (!(PROVIDER_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new InvalidTokenError(`invalid token: algorithm ${alg} is not accepted (${PROVIDER_ALGORITHMS.join(', ')})`);
    }
    if (!decoded.header.kid) throw new InvalidTokenError('invalid token: no key id (kid) in the header');
    let key: string;
    try {
      key = (await (await this.keys()).getSigningKey(decoded.header.kid)).getPublicKey();
    } catch (e) {
      throw new InvalidTokenError(`invalid token: signing key ${decoded.header.kid} is not published by ${oidc.issuer} (${(e as Error).message})`);
    }
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, { algorithms: [...PROVIDER_ALGORITHMS], issuer: oidc.issuer, audience: oidc.audience }) as jwt.JwtPayload;
    } catch (e) {
      throw new InvalidTokenError(`invalid token: ${(e as Error).message}`);
    }
    if (typeof payload.exp !== 'number') throw new InvalidTokenError('invalid token: exp claim is required');
    if (!payload.sub) throw new InvalidTokenError('invalid token: sub claim is required');
    const roles = claim(payload, oidc.rolesClaim);
    const known = Array.isArray(roles) ? roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
    if (known.length === 0) throw new InvalidTokenError(`invalid token: ${oidc.rolesClaim} must name at least one of ${ROLES.join(', ')}`);
    const administration = claim(payload, oidc.administrationClaim);
    if (typeof administration !== 'string' || !/^[A-Z]{2}$/.test(administration)) {
      throw new InvalidTokenError(`invalid token: ${oidc.administrationClaim} must be an ISO 3166 alpha-2 code`);
    }
    return { subject: payload.sub, roles: known, administration };
  }

  private async keys(): Promise<JwksClient> {
    if (this.jwks) return this.jwks;
    const oidc = this.settings.oidc!;
    this.jwksUri ??= oidc.jwksUri ? Promise.resolve(oidc.jwksUri) : discoverJwksUri(oidc.issuer);
    let uri: string;
    try {
      uri = await this.jwksUri;
    } catch (e) {
      this.jwksUri = undefined; // the provider may be starting: ask again next time
      throw e;
    }
    this.jwks = new JwksClient({ jwksUri: uri, cache: true, cacheMaxAge: 10 * 60_000, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5_000 });
    return this.jwks;
  }
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: string; issuer?: string };
  if (!document.jwks_uri) throw new Error(`${url} names no jwks_uri`);
  return document.jwks_uri;
}

/** A claim by dot path: `roles`, or `realm_access.roles` as Keycloak writes them. */
function claim(payload: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), payload);
}
