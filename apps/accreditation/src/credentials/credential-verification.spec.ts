import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { aeoCredential, signCredential } from './aeo-credential';
import { verifyCredential } from './credential-verification';
import { encodeStatusList } from './status-list';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKey = createPublicKey(privateKey);
const issuer = 'https://aeo.sars.example/api/accreditation';
const token = signCredential(
  aeoCredential({
    credentialId: '8c4f8a60-5f55-4a43-9d2e-2f1c1b1a0001', issuer, administration: 'ZA', operatorId: '8c4f8a60-5f55-4a43-9d2e-2f1c1b1a0002',
    legalName: 'Maluti Traders', identifiers: [{ scheme: 'TIN', value: '9012345678', issuer: 'ZA' }], certificateNumber: 'ZAAEOF0000001', aeoType: 'F',
    authorisedOn: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2031-01-01T00:00:00Z'), issuedAt: new Date('2026-01-01T00:00:00Z'), statusIndex: 42,
  }),
  privateKey,
  'k1',
);
const context = (now: string, set: { revocation?: number[]; suspension?: number[] } = {}) => ({
  now: new Date(now),
  key: async (iss: string, kid: string) => ({ trusted: iss === issuer, key: kid === 'k1' ? publicKey : undefined }),
  statusList: async (_url: string, purpose: 'revocation' | 'suspension') => encodeStatusList(set[purpose] ?? []),
});

describe('verifying an AEO credential', () => {
  it('says valid, suspended, revoked by the bits at its index, revocation first', async () => {
    expect((await verifyCredential(token, context('2027-01-01T00:00:00Z'))).verdict).toBe('valid');
    expect((await verifyCredential(token, context('2027-01-01T00:00:00Z', { suspension: [42] }))).verdict).toBe('suspended');
    expect((await verifyCredential(token, context('2027-01-01T00:00:00Z', { suspension: [41, 43] }))).verdict).toBe('valid');
    expect((await verifyCredential(token, context('2027-01-01T00:00:00Z', { revocation: [42], suspension: [42] }))).verdict).toBe('revoked');
  });

  it('says expired after the validity and not yet valid before it, whatever the lists say', async () => {
    expect(await verifyCredential(token, context('2031-01-01T00:00:00Z'))).toMatchObject({ verdict: 'expired', reasons: ["the authorisation's validity ended on 2031-01-01T00:00:00.000Z"] });
    expect((await verifyCredential(token, context('2025-12-31T23:59:59Z'))).verdict).toBe('not_yet_valid');
  });

  it('refuses what is not an AEO credential of a trusted issuer', async () => {
    expect((await verifyCredential('abc', context('2027-01-01T00:00:00Z'))).verdict).toBe('malformed');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${token.split('.')[1]}.`;
    expect((await verifyCredential(none, context('2027-01-01T00:00:00Z'))).verdict).toBe('malformed');
    const other = signCredential({ ...(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())), issuer: { id: 'https://elsewhere.example' } }, privateKey, 'k1');
    expect((await verifyCredential(other, context('2027-01-01T00:00:00Z'))).verdict).toBe('unknown_issuer');
  });
});
