import { createPublicKey, generateKeyPairSync } from 'node:crypto';
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

  it('answers false, not an error, for a signature that is not even the right size, or a key of another kind', () => {
    expect(verifyBytes(bytes, Buffer.from('short'), parsePublicKey(issuer.publicKeyPem))).toBe(false);
    const ed25519 = generateKeyPairSync('ed25519').publicKey; // node refuses a SHA-256 digest with it
    expect(verifyBytes(bytes, signBytes(bytes, parsePrivateKey(issuer.privateKeyPem)), ed25519)).toBe(false);
  });

  describe('keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const pem = (key: { export(o: object): string | Buffer }, type: 'spki' | 'pkcs8') => key.export({ type, format: 'pem' }).toString();

    it('takes an EC P-256 public key from an MRA, and refuses anything else, saying why', () => {
      expect(parsePublicKey(issuer.publicKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(() => parsePublicKey('not a key')).toThrow(/not a public key in PEM form/);
      expect(() => parsePublicKey(pem(rsa.publicKey, 'spki'))).toThrow('the key must be an EC P-256 key (ES256)');
      expect(() => parsePublicKey(pem(p384.publicKey, 'spki'))).toThrow('the key must be an EC P-256 key (ES256)');
      expect(createPublicKey(issuer.publicKeyPem).asymmetricKeyType).toBe('ec');
    });

    it('signs only with an EC P-256 private key', () => {
      expect(parsePrivateKey(issuer.privateKeyPem).asymmetricKeyType).toBe('ec');
      expect(() => parsePrivateKey(pem(rsa.privateKey, 'pkcs8'))).toThrow('MRA_SIGNING_KEY must be an EC P-256 key (ES256)');
      expect(() => parsePrivateKey(pem(p384.privateKey, 'pkcs8'))).toThrow('MRA_SIGNING_KEY must be an EC P-256 key (ES256)');
    });
  });
});
