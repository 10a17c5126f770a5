import { createPublicKey } from 'node:crypto';
import { generateSigningKeyPair, parsePrivateKey, parsePublicKey, signRecord, verifyRecord } from './record-signature';

describe('record signatures (ES256)', () => {
  const issuer = generateSigningKeyPair();
  const other = generateSigningKeyPair();
  const bytes = Buffer.from('a recognition record');

  it('verifies a record signed with the issuer key', () => {
    const signature = signRecord(bytes, parsePrivateKey(issuer.privateKeyPem));
    expect(signature).toHaveLength(64);
    expect(verifyRecord(bytes, signature, parsePublicKey(issuer.publicKeyPem))).toBe(true);
  });

  it('rejects a tampered record and a record signed by another key', () => {
    const signature = signRecord(bytes, parsePrivateKey(issuer.privateKeyPem));
    expect(verifyRecord(Buffer.from('a recognition recorD'), signature, parsePublicKey(issuer.publicKeyPem))).toBe(false);
    const forged = signRecord(bytes, parsePrivateKey(other.privateKeyPem));
    expect(verifyRecord(bytes, forged, parsePublicKey(issuer.publicKeyPem))).toBe(false);
  });

  it('refuses keys that are not EC P-256', () => {
    expect(() => parsePublicKey('not a key')).toThrow(/not a public key/);
    const { generateKeyPairSync } = require('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parsePublicKey(rsa)).toThrow(/EC P-256/);
    expect(createPublicKey(issuer.publicKeyPem).asymmetricKeyType).toBe('ec');
  });
});
