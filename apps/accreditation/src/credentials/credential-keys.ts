import { createHash, createPrivateKey, createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';

/** A public key as published in the issuer's JWKS. */
export interface PublishedKey extends JsonWebKey {
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

/** RFC 7638 thumbprint of an EC public key: the key id, the same wherever the key is loaded. */
export function thumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g;

function p256(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error(`${what} must be an EC P-256 key (ES256)`);
  return key;
}

/**
 * The administration's credential keys: the current one signs; retired ones stay published, so
 * that the credentials they signed still verify after a rotation (rotation: a new
 * CREDENTIAL_SIGNING_KEY, the old public key added to CREDENTIAL_RETIRED_KEYS).
 */
export class CredentialKeys {
  readonly signing: KeyObject;
  readonly kid: string;
  private readonly byKid = new Map<string, KeyObject>();

  constructor(signingPem: string, retiredPems = '') {
    this.signing = p256(createPrivateKey(signingPem), 'CREDENTIAL_SIGNING_KEY');
    const current = createPublicKey(this.signing);
    this.kid = thumbprint(current);
    this.byKid.set(this.kid, current);
    for (const pem of retiredPems.match(PEM_BLOCK) ?? []) {
      const key = p256(createPublicKey(pem), 'each of CREDENTIAL_RETIRED_KEYS');
      this.byKid.set(thumbprint(key), key);
    }
  }

  key(kid: string): KeyObject | undefined {
    return this.byKid.get(kid);
  }

  /** The JWKS: every key whose credentials may still be shown, the current first. */
  jwks(): { keys: PublishedKey[] } {
    return { keys: [...this.byKid].map(([kid, key]) => ({ ...key.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' })) };
  }
}

/** Keys of a JWKS document, by key id (EC P-256 only; anything else is left out). */
export function keysOfJwks(jwks: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const listed = (jwks as { keys?: unknown })?.keys;
  for (const jwk of Array.isArray(listed) ? listed : []) {
    const k = jwk as JsonWebKey & { kid?: string };
    if (k.kty !== 'EC' || k.crv !== 'P-256' || typeof k.kid !== 'string') continue;
    try {
      keys.set(k.kid, createPublicKey({ key: k, format: 'jwk' }));
    } catch {
      // not a usable key: left out
    }
  }
  return keys;
}
