import jwt from 'jsonwebtoken';
import { createPublicKey, KeyObject } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
import { InvalidTokenError, TOKEN_ALGORITHM, verifyAccessToken } from './tokens';
import { Principal, profileClaims, Role, ROLES } from './principal';

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

/** How long a verified token is taken again without verifying its signature (if it does not expire first). */
export const VERIFIED_FOR_MS = 60_000;
/** How many verified tokens are kept at most. */
const VERIFIED_TOKENS = 10_000;

/** The provider's keys could not be read: the service cannot tell a good token from a bad one (503, not 401). */
export class TokenKeysUnavailableError extends Error {}

export interface TokenVerifierSettings {
  /** HS256 with a shared secret: tests and the token script only, never the production path. */
  shared?: { secret: string; issuer: string; audience: string };
  /** Tokens of an OpenID provider, verified with the keys of its JWKS (fetched, cached, refreshed on an unknown key id). */
  oidc?: OidcSettings;
  /**
   * The JWKS is read again at most this often for a key id it does not hold (default 30 s), so a
   * stream of tokens with made-up key ids cannot make the service hammer the provider, nor use up
   * a fetch budget that real tokens need; and at least this often in any case (default 10 min),
   * so a key the provider withdrew stops verifying.
   */
  keys?: { unknownKidRefetchMs?: number; maxAgeMs?: number; now?: () => number };
}

/**
 * Verifies a bearer token: signature, algorithm, issuer, audience and expiry. Provider tokens are
 * checked against the provider's published keys; a key the provider rotated in is fetched when a
 * token names it (at most every 30 s for unknown key ids), so no restart is needed.
 */
export class TokenVerifier {
  private jwks?: JwksClient;
  private jwksUri?: Promise<string>;
  /** The provider's keys by key id, as its JWKS last listed them. */
  private publicKeys = new Map<string, KeyObject>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private fetching?: Promise<void>;
  /**
   * Tokens verified lately, with their principal: a partner's system asks many questions with one
   * token, and each verification (an ECDSA signature with a provider's ES256 keys) cost more than
   * the question. Kept until the token expires or VERIFIED_FOR_MS pass, whichever is first, so a
   * key the provider withdraws stops working within that time (or maxAgeMs, the JWKS's own age);
   * at most VERIFIED_TOKENS, the oldest dropped first.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly settings: TokenVerifierSettings) {
    if (!settings.shared && !settings.oidc) throw new Error('a token verifier needs an OpenID provider (OIDC_ISSUER) or a shared secret (JWT_SECRET)');
  }

  async verify(token: string): Promise<Principal> {
    const now = (this.settings.keys?.now ?? Date.now)();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.principal;
    if (known) this.verified.delete(token);
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidTokenError('invalid token: not a JWT');
    const principal = await this.verifyAfresh(token, decoded.header);
    // Shared by every request that brings the token: read-only.
    Object.freeze(principal.roles);
    Object.freeze(principal);
    const exp = (decoded.payload as jwt.JwtPayload).exp! * 1000; // both kinds of token require it (verified above)
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, until: Math.min(exp, now + VERIFIED_FOR_MS) });
    return principal;
  }

  private async verifyAfresh(token: string, header: jwt.JwtHeader): Promise<Principal> {
    const alg = header.alg;
    if (alg === TOKEN_ALGORITHM) {
      if (!this.settings.shared) throw new InvalidTokenError(`invalid token: ${alg} tokens are not accepted here`);
      return verifyAccessToken(this.settings.shared, token);
    }
    const oidc = this.settings.oidc;
    if (!oidc) throw new InvalidTokenError(`invalid token: ${alg} tokens are not accepted here (no OpenID provider is configured)`);
    if (!(PROVIDER_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new InvalidTokenError(`invalid token: algorithm ${alg} is not accepted (${PROVIDER_ALGORITHMS.join(', ')})`);
    }
    const kid = header.kid;
    if (!kid) throw new InvalidTokenError('invalid token: no key id (kid) in the header');
    if (kid.length > 128) throw new InvalidTokenError('invalid token: key id longer than 128 characters');
    const key = await this.keyFor(kid);
    if (!key) throw new InvalidTokenError(`invalid token: signing key ${kid} is not published by ${oidc.issuer}`);
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
    return { subject: payload.sub, roles: known, administration, ...profileClaims(payload) };
  }

  /**
   * The public key of `kid`. Known keys are answered from memory; the JWKS is read again (one
   * fetch shared by concurrent requests) when the set is older than maxAgeMs, or for an unknown
   * kid when the last read is older than unknownKidRefetchMs.
   */
  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    const now = this.settings.keys?.now ?? Date.now;
    const age = now() - this.fetchedAt;
    const known = this.publicKeys.get(kid);
    if (known && age < (this.settings.keys?.maxAgeMs ?? 10 * 60_000)) return known;
    if (!known && age < (this.settings.keys?.unknownKidRefetchMs ?? 30_000)) return undefined;
    this.fetching ??= this.refresh(now).finally(() => (this.fetching = undefined));
    try {
      await this.fetching;
    } catch (e) {
      // A known key stays usable while the provider cannot be reached; an unknown one cannot be judged.
      if (known) return known;
      throw e;
    }
    return this.publicKeys.get(kid);
  }

  private async refresh(now: () => number): Promise<void> {
    let keys: { kid: string; getPublicKey(): string }[];
    try {
      keys = await (await this.keys()).getSigningKeys();
    } catch (e) {
      throw new TokenKeysUnavailableError(`the signing keys of ${this.settings.oidc!.issuer} could not be read: ${(e as Error).message}`);
    }
    // Parsed once: jsonwebtoken would parse a PEM string again on every request.
    this.publicKeys = new Map(keys.map((k) => [k.kid, createPublicKey(k.getPublicKey())]));
    this.fetchedAt = now();
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
    // The cache and the pace of fetches are kept here (keyFor), over the whole key set.
    this.jwks = new JwksClient({ jwksUri: uri, cache: false, rateLimit: false, timeout: 5_000 });
    return this.jwks;
  }
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const trimmed = issuer.replace(/\/$/, '');
  const url = `${trimmed}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: string; issuer?: string };
  if (!document.jwks_uri) throw new Error(`${url} names no jwks_uri`);
  if (document.issuer?.replace(/\/$/, '') !== trimmed) throw new Error(`${url} is the document of ${document.issuer}, not of ${issuer}`);
  return document.jwks_uri;
}

/** A claim by dot path: `roles`, or `realm_access.roles` as Keycloak writes them. */
function claim(payload: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), payload);
}
