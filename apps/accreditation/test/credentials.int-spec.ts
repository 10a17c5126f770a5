import { Events } from '@aeo/contracts';
import { startService } from '@aeo/messaging';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { RunningService } from '@aeo/platform';
import { call, eventually, freePort, TEST_JWT_SECRET, TEST_KAFKA_BROKERS, tokenFor } from '@aeo/testing';
import jwt from 'jsonwebtoken';
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { ACCREDITATION } from '../src';
import { AccreditationClient } from '../src/testing';
import { signCredential } from '../src/credentials/aeo-credential';
import { keysOfJwks } from '../src/credentials/credential-keys';
import { verifyCredential } from '../src/credentials/credential-verification';
import { statusBit } from '../src/credentials/status-list';

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
};
/** The claims of a JWT, changed, with the signature kept: a tampered credential. */
const tamper = (token: string, change: (claims: any) => void) => {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  change(claims);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
};

describe('AEO credentials (W3C VC, vc+jwt) with Bitstring Status Lists, on real PostgreSQL and Kafka', () => {
  const trader = tokenFor('ZA', ['trader'], 'trader-vc');
  const tokens = { trader, officer: tokenFor('ZA', ['officer'], 'officer-vc'), supervisor: tokenFor('ZA', ['supervisor'], 'supervisor-vc') };
  const zaKey = keyPair();
  let za: TestService;
  let zaService: RunningService;
  let zaEnv: Record<string, string>;
  let bw: TestService;
  let issuer: string;

  beforeAll(async () => {
    const [zaPort, bwPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${zaPort}`;
    za = await startTestService(ACCREDITATION, { HTTP_PORT: String(zaPort), CREDENTIAL_ISSUER: issuer, CREDENTIAL_SIGNING_KEY: zaKey.privateKeyPem });
    zaService = za.service;
    zaEnv = {
      ADMINISTRATION: 'ZA', DATABASE_URL: za.db.url, KAFKA_BROKERS: TEST_KAFKA_BROKERS, TOPIC_NAMESPACE: za.topics.namespace, FEDERATION_TOPIC_PREFIX: za.topics.namespace,
      JWT_SECRET: TEST_JWT_SECRET, HTTP_PORT: String(zaPort), LOG_LEVEL: 'silent', CREDENTIAL_ISSUER: issuer,
    };
    bw = await startTestService(ACCREDITATION, {
      ADMINISTRATION: 'BW', HTTP_PORT: String(bwPort), CREDENTIAL_ISSUER: `http://127.0.0.1:${bwPort}`, CREDENTIAL_SIGNING_KEY: keyPair().privateKeyPem, TRUSTED_CREDENTIAL_ISSUERS: issuer,
    });
  });
  afterAll(async () => {
    await bw?.close();
    if (zaService !== za?.service) await zaService?.close();
    await za?.close();
  });

  const url = () => zaService.url;
  async function granted(aeoType: 'C' | 'S' | 'F') {
    const operatorId = randomUUID();
    await publishEvent(za.kafka, za.topics, Events.operatorRegistered, registeredOperator({
      operatorId, legalName: 'Maluti Traders', registeredBy: 'trader-vc', identifiers: [{ scheme: 'TIN', value: '9012345678', issuer: 'ZA' }],
    }), { aggregateId: operatorId });
    await publishEvent(za.kafka, za.topics, Events.complianceStatusChanged, { operatorId, status: 'compliant', version: 1n }, { aggregateId: operatorId });
    await eventually(async () => expect((await call('GET', `${url()}/operators/${operatorId}/history`, { token: trader })).status).toBe(200));
    const application = await new AccreditationClient(url()).applyToGrant(tokens, operatorId, aeoType);
    return { authorisationId: application.authorisationId as string, certificateNumber: application.certificateNumber as string };
  }
  const credentialOf = async (authorisationId: string) => {
    const r = await call('GET', `${url()}/authorisations/${authorisationId}/credential`, { token: trader });
    expect(r.status).toBe(200);
    return r.body.credential as string;
  };
  const verify = async (credential: string, at = url()) => (await call('POST', `${at}/credentials/verify`, { body: { credential } })).body;
  const act = (token: string, authorisationId: string, body: Record<string, unknown>) =>
    new AccreditationClient(url()).expect(new AccreditationClient(url()).actOnAuthorisation(token, authorisationId, body), 201, String(body.action));

  it('issues the holder a signed credential on grant, with WCO Data Model names, verifiable online and offline; a changed claim is forged', async () => {
    const { authorisationId, certificateNumber } = await granted('F');
    const credential = await credentialOf(authorisationId);
    const header = JSON.parse(Buffer.from(credential.split('.')[0], 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: expect.any(String) });
    const claims = jwt.decode(credential) as any;
    expect(claims).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', `${issuer}/credentials/context/v1`],
      type: ['VerifiableCredential', 'AEOCertificateCredential'],
      issuer: { id: issuer, countryCode: 'ZA' },
      iss: issuer,
      credentialSubject: {
        type: 'AuthorisedEconomicOperator',
        name: 'Maluti Traders',
        identification: [{ id: '9012345678', schemeID: 'TIN', issuingCountryCode: 'ZA' }],
        authorisation: { id: certificateNumber, typeCode: 'AEOF', issuingAuthority: { countryCode: 'ZA' } },
      },
    });
    expect(claims.credentialStatus.map((s: any) => [s.type, s.statusPurpose, s.statusListCredential])).toEqual([
      ['BitstringStatusListEntry', 'revocation', `${issuer}/credentials/status/revocation`],
      ['BitstringStatusListEntry', 'suspension', `${issuer}/credentials/status/suspension`],
    ]);
    expect((await call('GET', `${url()}/authorisations/${authorisationId}/credential`, { token: tokenFor('ZA', ['trader'], 'someone-else') })).status).toBe(403);

    expect(await verify(credential)).toMatchObject({ verdict: 'valid', statusChecked: true, subject: { name: 'Maluti Traders', certificateNumber, aeoType: 'AEOF', administration: 'ZA', identifiers: ['TIN:9012345678'] } });

    // Offline: the issuer's published keys, read once before; no network, no status lists.
    const jwks = await (await fetch(`${url()}/.well-known/jwks.json`)).json();
    const keys = keysOfJwks(jwks);
    const offline = (token: string) => verifyCredential(token, { now: new Date(), key: async (iss, kid) => ({ trusted: iss === issuer, key: keys.get(kid) }) });
    expect(await offline(credential)).toMatchObject({ verdict: 'valid', statusChecked: false });
    const forged = tamper(credential, (c) => (c.credentialSubject.authorisation.typeCode = 'AEOS'));
    expect(await offline(forged)).toMatchObject({ verdict: 'forged' });
    expect(await verify(forged)).toMatchObject({ verdict: 'forged', reasons: [expect.stringMatching(/the signature does not match/)] });
    expect((await verify(forged)).subject).toBeUndefined();
    expect(await verify('not.a.credential')).toMatchObject({ verdict: 'malformed' });
    expect((await call('POST', `${url()}/credentials/verify`, { body: {} })).status).toBe(400);
  });

  it('suspends and revokes at once through the status lists; a type change replaces the credential', async () => {
    const { authorisationId } = await granted('F');
    const first = await credentialOf(authorisationId);
    const index = Number((jwt.decode(first) as any).credentialStatus[1].statusListIndex);

    await act(tokens.officer, authorisationId, { action: 'propose_suspension', reason: 'seal found broken' });
    await act(trader, authorisationId, { action: 'answer_hearing', reason: 'the carrier replaced it' });
    await act(tokens.supervisor, authorisationId, { action: 'suspend', reason: 'not explained' });
    expect(await verify(first)).toMatchObject({ verdict: 'suspended', reasons: ['the authorisation is suspended'] });
    const list = await fetch(`${url()}/credentials/status/suspension`);
    expect(list.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
    expect(list.headers.get('cache-control')).toBe('public, no-cache');
    const listClaims = jwt.verify(await list.text(), keysOfJwks(await (await fetch(`${url()}/.well-known/jwks.json`)).json()).values().next().value!, { algorithms: ['ES256'] }) as any;
    expect(listClaims).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'suspension' } });
    expect(statusBit(listClaims.credentialSubject.encodedList, index)).toBe(true);
    // Cacheable: the same bits answer 304 to a verifier that kept them.
    expect((await fetch(`${url()}/credentials/status/suspension`, { headers: { 'if-none-match': list.headers.get('etag')! } })).status).toBe(304);

    await act(tokens.supervisor, authorisationId, { action: 'reinstate', reason: 'new seals fitted' });
    expect(await verify(first)).toMatchObject({ verdict: 'valid' });

    await act(tokens.officer, authorisationId, { action: 'propose_partial_revocation', reason: 'security criteria no longer met', keepType: 'C' });
    await act(trader, authorisationId, { action: 'answer_hearing', reason: 'we accept' });
    await act(tokens.supervisor, authorisationId, { action: 'revoke_partially', reason: 'security part revoked' });
    const second = await credentialOf(authorisationId);
    expect((jwt.decode(second) as any).credentialSubject.authorisation.typeCode).toBe('AEOC');
    expect(await verify(first)).toMatchObject({ verdict: 'revoked' }); // replaced by the AEO-C one
    expect(await verify(second)).toMatchObject({ verdict: 'valid' });

    await act(tokens.officer, authorisationId, { action: 'propose_revocation', reason: 'customs offences' });
    await act(trader, authorisationId, { action: 'answer_hearing', reason: 'we disagree' });
    await act(tokens.supervisor, authorisationId, { action: 'revoke', reason: 'offences confirmed' });
    expect(await verify(second)).toMatchObject({ verdict: 'revoked', statusChecked: true });
    const none = await call('GET', `${url()}/authorisations/${authorisationId}/credential`, { token: trader });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('credential.none');
  });

  it("is verified by another administration with the issuer's published key; unknown issuers and unpublished keys are refused", async () => {
    const { authorisationId } = await granted('C');
    const credential = await credentialOf(authorisationId);
    expect(await verify(credential, bw.url)).toMatchObject({ verdict: 'valid', statusChecked: true, issuer, subject: { administration: 'ZA' } });

    const stranger = keyPair();
    const claims = jwt.decode(credential) as any;
    const foreign = signCredential({ ...claims, issuer: { id: 'https://aeo.example.org', countryCode: 'XX' } }, createPrivateKey(stranger.privateKeyPem), 'k1');
    expect(await verify(foreign, bw.url)).toMatchObject({ verdict: 'unknown_issuer' });
    // Signed by someone else in ZA's name: ZA publishes no such key.
    const impostor = signCredential(claims, createPrivateKey(stranger.privateKeyPem), 'not-a-za-key');
    expect(await verify(impostor, bw.url)).toMatchObject({ verdict: 'forged', reasons: [expect.stringMatching(/publishes no key not-a-za-key/)] });
  });

  it('keeps verifying credentials signed before a key rotation, and signs new ones with the new key', async () => {
    const before = await granted('S');
    const old = await credentialOf(before.authorisationId);
    const oldKid = JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()).kid;
    await zaService.close();
    const next = keyPair();
    zaService = await startService(ACCREDITATION, { ...zaEnv, CREDENTIAL_SIGNING_KEY: next.privateKeyPem, CREDENTIAL_RETIRED_KEYS: zaKey.publicKeyPem });
    const jwks = (await (await fetch(`${url()}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[1].kid).toBe(oldKid);
    expect(await verify(old)).toMatchObject({ verdict: 'valid', keyId: oldKid });
    expect(await verify(old, bw.url)).toMatchObject({ verdict: 'valid' }); // BW reads the new JWKS for it
    const after = await granted('S');
    const fresh = await credentialOf(after.authorisationId);
    const freshKid = JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid;
    expect(freshKid).toBe(jwks.keys[0].kid);
    expect(freshKid).not.toBe(oldKid);
    expect(await verify(fresh, bw.url)).toMatchObject({ verdict: 'valid', keyId: freshKid });
  });
});
