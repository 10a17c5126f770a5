import { generateKeyPairSync } from 'node:crypto';
import { CredentialKeys, keysOfJwks } from './credential-keys';
import { encodeStatusList, STATUS_LIST_BITS, statusBit } from './status-list';

describe('Bitstring Status List', () => {
  it('sets exactly the bits asked, the left-most bit of the first byte being index 0', () => {
    const list = encodeStatusList([0, 7, 8, 94567, STATUS_LIST_BITS - 1]);
    expect(list.startsWith('u')).toBe(true);
    for (const i of [0, 7, 8, 94567, STATUS_LIST_BITS - 1]) expect(statusBit(list, i)).toBe(true);
    for (const i of [1, 6, 9, 94566, 94568]) expect(statusBit(list, i)).toBe(false);
    const raw = require('node:zlib').gunzipSync(Buffer.from(list.slice(1), 'base64url'));
    expect(raw.length).toBe(16_384);
    expect(raw[0]).toBe(0b1000_0001);
    expect(raw[1]).toBe(0b1000_0000);
  });

  it('refuses indexes outside the list and lists that are not multibase', () => {
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(RangeError);
    expect(() => statusBit('zabc', 0)).toThrow(/multibase/);
    expect(() => statusBit(encodeStatusList([]), -1)).toThrow(RangeError);
  });
});

describe('credential keys', () => {
  const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  it('names each key by its RFC 7638 thumbprint and publishes retired keys after the current one', () => {
    const old = new CredentialKeys(pem());
    const oldPublic = require('node:crypto').createPublicKey(old.signing).export({ format: 'pem', type: 'spki' }).toString();
    const keys = new CredentialKeys(pem(), oldPublic);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual([keys.kid, old.kid]);
    expect(new CredentialKeys(old.signing.export({ format: 'pem', type: 'pkcs8' }).toString()).kid).toBe(old.kid);
    expect([...keysOfJwks(keys.jwks()).keys()]).toEqual([keys.kid, old.kid]);
    expect(keys.jwks().keys[0]).not.toHaveProperty('d');
  });

  it('refuses a key that is not P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => new CredentialKeys(rsa)).toThrow(/EC P-256/);
  });
});
