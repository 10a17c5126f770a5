import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';

/**
 * Records and requests exchanged between administrations are signed with ES256: ECDSA on P-256
 * with SHA-256, the signature as r||s (IEEE P1363), over the exact protobuf bytes of the record
 * or request. Anyone with the signer's public key from the MRA record can check it, offline too.
 */
export const RECORD_SIGNATURE_ALGORITHM = 'ES256';

export function signBytes(bytes: Uint8Array, privateKey: KeyObject): Buffer {
  return sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
}

export function verifyBytes(bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/** Reads an EC P-256 public key from PEM; says what is wrong otherwise. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new Error(`not a public key in PEM form: ${(e as Error).message}`);
  }
  // Only an EC key has a named curve; only P-256 is ES256.
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the key must be an EC P-256 key (ES256)');
  }
  return key;
}

export function parsePrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('MRA_SIGNING_KEY must be an EC P-256 key (ES256)');
  }
  return key;
}

/** A new ES256 key pair in PEM form (demo, tests, first set-up of an administration). */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
