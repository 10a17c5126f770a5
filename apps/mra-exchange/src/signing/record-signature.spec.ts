import { createPublicKey } from 'node:crypto';
import { generateSigningKeyPair, parsePrivateKey, parsePublicKey, signBytes, verifyBytes } from './record-signature';

describe('record signatures (ES256)', () => {
  const issuer = generateSigningKeyPair();
  const other = generateSigningKeyPair();
  const bytes = Buffer.from('a recognition record');

  it('verifies a record signed with the issuer key', () => {
    const signature = signBytes(bytes, parsePrivateKey(issuer.privateKeyPem));
    expect(signature).toHaveLength(64);
    expect(verifyBytes(bytes, signature, parsePublicKey(issuer.publicKeyPem))).toBe(true);
  });

  it('rejects a tampered record and a record signed by another key', () => {
    const signature = signBytes(bytes, parsePrivateKey(issuer.privateKeyPem));
    expect(verifyBytes(Buffer.from('a recognition recorD'), signature, parsePublicKey(issuer.publicKeyPem))).toBe(false);
    const forged = signBytes(bytes, parsePrivateKey(other.privateKeyPem));
    expect(verifyBytes(bytes, forged, parsePublicKey(issuer.publicKeyPem))).toBe(false);
  });

  it('refuses keys that are not EC P-256', () => {
    expect(() => parsePublicKey('not a key')).toThrow(/not a public key/);
    const { generateKeyPairSync } = require('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parsePublicKey(rsa)).toThrow(/EC P-256/);
    expect(createPublicKey(issuer.publicKeyPem).asymmetricKeyType).toBe('ec');
  });
});
