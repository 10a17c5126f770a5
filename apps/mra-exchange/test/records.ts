import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, Events, ExchangeRequestKind, ExchangeRequestSchema, RecognitionRecordSchema, SignedCheckpoint } from '@aeo/contracts';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, tokenFor } from '@aeo/testing';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { MRA_EXCHANGE } from '../src';
import { checkpointNote, signedCheckpoint } from '../src/log/checkpoint';
import { Frontier, leafHash } from '../src/log/merkle';
import { parsePrivateKey, signBytes } from '../src/signing/record-signature';

/** A recognition record as an issuer would send it, signed with `privateKeyPem` (test data). */
export function signedRecord(
  fields: { issuer?: string; sequence: number; tin: string; operatorId?: string; aeoType?: AeoType; status?: AeoStatus; audience?: string[]; keyId?: string },
  privateKeyPem: string,
) {
  const issuer = fields.issuer ?? 'ZA';
  const record = toBinary(
    RecognitionRecordSchema,
    create(RecognitionRecordSchema, {
      issuer,
      sequence: BigInt(fields.sequence),
      recordId: randomUUID(),
      operatorId: fields.operatorId ?? randomUUID(),
      operatorName: `Operator ${fields.tin}`,
      identifiers: [{ scheme: 'TIN', value: fields.tin, issuer }],
      certificateNumber: `${issuer}AEOF${String(fields.sequence).padStart(7, '0')}`,
      aeoType: fields.aeoType ?? AeoType.F,
      status: fields.status ?? AeoStatus.VALID,
      statusSince: timestampFromDate(new Date('2026-01-01T00:00:00Z')),
      authorisedOn: timestampFromDate(new Date('2026-01-01T00:00:00Z')),
      validTo: timestampFromDate(new Date('2031-01-01T00:00:00Z')),
      issuedAt: timestampFromDate(new Date()),
      sharedWithConsent: true,
      audience: fields.audience ?? ['BW'],
    }),
  );
  const signature = sign('sha256', record, { key: createPrivateKey(privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return { record, signature, keyId: fields.keyId ?? `${issuer}-1` };
}

/** The body of an MRA between this registry and one partner, signed: both confirmations on record. */
export function signedBilateralArrangement(
  self: { administration: string; publicKeyPem: string },
  partner: { administration: string; publicKeyPem: string },
  name = `${partner.administration}-${self.administration} MRA`,
  recognisedAeoTypes = ['S', 'F'],
) {
  return {
    name,
    parties: [partner, self].map((p) => ({
      administration: p.administration,
      recognisedAeoTypes,
      publicKey: p.publicKeyPem,
      keyId: `${p.administration}-1`,
    })),
    benefits: ['priority-clearance'],
    effectiveFrom: '2023-05-31',
    confirmations: [{ administration: partner.administration, confirmedOn: '2023-05-31', reference: 'signed MRA' }],
  };
}

/**
 * This administration's mra-exchange started, with an active bilateral MRA with `partner` recorded
 * by its supervisor through the API (both parties' confirmations on record).
 */
export async function startWithPartner(
  self: { administration: string; privateKeyPem: string; publicKeyPem: string },
  partner: { administration: string; publicKeyPem: string },
  config: Record<string, string> = {},
): Promise<TestService> {
  const t = await startTestService(MRA_EXCHANGE, { ADMINISTRATION: self.administration, MRA_SIGNING_KEY: self.privateKeyPem, ...config });
  const created = await call('POST', `${t.url}/arrangements`, {
    token: tokenFor(self.administration, ['supervisor']),
    body: signedBilateralArrangement(self, partner),
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('active');
  return t;
}

/** An exchange request as a partner would send it, signed with `privateKeyPem` (test data). */
export function signedRequest(
  fields: { requester: string; issuer: string; kind: ExchangeRequestKind; fromSequence?: bigint; keyId?: string },
  privateKeyPem: string,
) {
  const request = toBinary(
    ExchangeRequestSchema,
    create(ExchangeRequestSchema, {
      requestId: randomUUID(),
      requester: fields.requester,
      issuer: fields.issuer,
      kind: fields.kind,
      fromSequence: fields.fromSequence ?? 1n,
      requestedAt: timestampFromDate(new Date()),
    }),
  );
  const signature = sign('sha256', request, { key: createPrivateKey(privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return { request, signature, keyId: fields.keyId ?? `${fields.requester}-1` };
}

/**
 * What operator-registry and accreditation tell this service when an operator with consent is
 * granted an AEO: its registration, its consent to share, its authorisation. Returns the ids.
 */
export async function grantWithConsent(
  t: Pick<TestService, 'kafka' | 'topics'>,
  fields: { tin: string; legalName?: string; aeoType: AeoType; statusSince?: Date; authorisedOn?: Date },
): Promise<{ operatorId: string; authorisationId: string }> {
  const operatorId = randomUUID();
  const authorisationId = randomUUID();
  await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: fields.legalName ?? `Holder ${fields.tin}`, identifiers: [{ scheme: 'TIN', value: fields.tin, issuer: 'ZA' }] }), { aggregateId: operatorId });
  await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId, shareWithPartners: true, publishInDirectory: true }, { aggregateId: operatorId, sequence: 2 });
  await publishEvent(t.kafka, t.topics, Events.authorisationStatusChanged, {
    authorisationId,
    operatorId,
    certificateNumber: `ZAAEO${fields.tin}`,
    aeoType: fields.aeoType,
    status: AeoStatus.VALID,
    statusSince: timestampFromDate(fields.statusSince ?? new Date()),
    authorisedOn: timestampFromDate(fields.authorisedOn ?? fields.statusSince ?? new Date()),
    validTo: timestampFromDate(new Date(Date.now() + 5 * 365 * 86400_000)),
  }, { aggregateId: authorisationId });
  return { operatorId, authorisationId };
}

/**
 * The issuer's checkpoint of its log over the first `size` of `records`, signed with
 * `privateKeyPem` as key `<issuer>-1` (test data); `root` given, the one signed instead (an issuer
 * that lies about its entries).
 */
export function signedLogCheckpoint(issuer: string, records: { record: Uint8Array }[], size: number, privateKeyPem: string, root?: Uint8Array): SignedCheckpoint {
  const signed = root ?? new Frontier().extend(records.slice(0, size).map((r) => leafHash(r.record))).root();
  return signedCheckpoint(checkpointNote(issuer, size, signed), (bytes) => signBytes(bytes, parsePrivateKey(privateKeyPem)), `${issuer}-1`);
}

/** The record with its own signature spoilt (zeros): only a checkpoint, or a leaf held, can make it authentic. */
export function spoiltSignature<R extends { signature: Uint8Array }>(r: R): R {
  return { ...r, signature: Buffer.alloc(r.signature.length) };
}

/** What a partner's registry shows through its API of one issuer: its figures, that issuer's log in them, and whether the AEO with a TIN is recognised. */
export function partnerViews(service: () => TestService, self: string, issuer: string) {
  const figures = async () => (await call('GET', `${service().url}/figures`, { token: tokenFor(self, ['supervisor']) })).body;
  return {
    figures,
    issuerLog: async () => (await figures()).issuers.find((i: { issuer: string }) => i.issuer === issuer),
    recognised: async (tin: string) =>
      (await call('GET', `${service().url}/recognitions?issuer=${issuer}&scheme=TIN&identifier=${tin}`, { token: tokenFor(self, ['partner']) })).body.recognised as boolean,
  };
}
