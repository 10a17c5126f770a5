import jwt from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { StatusPurpose } from './status-list';

/**
 * The AEO credential: a W3C Verifiable Credential (Data Model 2.0) of an operator's AEO status,
 * secured as a JWT (VC-JOSE-COSE: media type vc+jwt, the credential as the JWT's claims), signed
 * ES256 with the administration's key. The subject's claims follow the WCO Data Model where it
 * has terms (README, "AEO credential"); revocation and suspension are read from the
 * administration's Bitstring Status Lists.
 */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIAL_TYPE = 'AEOCertificateCredential';

export interface AeoCredentialFacts {
  credentialId: string;
  issuer: string;
  administration: string;
  operatorId: string;
  legalName: string;
  identifiers: { scheme: string; value: string; issuer: string }[];
  certificateNumber: string;
  aeoType: string;
  authorisedOn: Date;
  validTo: Date;
  issuedAt: Date;
  statusIndex: number;
}

export interface AeoCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; countryCode: string };
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    id: string;
    type: 'AuthorisedEconomicOperator';
    name: string;
    identification: { id: string; schemeID: string; issuingCountryCode: string }[];
    authorisation: { id: string; typeCode: string; effectiveDateTime: string; expirationDateTime: string; issuingAuthority: { countryCode: string } };
  };
  credentialStatus: { id: string; type: 'BitstringStatusListEntry'; statusPurpose: StatusPurpose; statusListIndex: string; statusListCredential: string }[];
}

/** Where an issuer serves its status list of a purpose, and its JWKS. */
export const statusListUrl = (issuer: string, purpose: StatusPurpose) => `${issuer}/credentials/status/${purpose}`;
export const jwksUrl = (issuer: string) => `${issuer}/.well-known/jwks.json`;
export const contextUrl = (issuer: string) => `${issuer}/credentials/context/v1`;

export function aeoCredential(f: AeoCredentialFacts): AeoCredential {
  const entry = (purpose: StatusPurpose) => ({
    id: `${statusListUrl(f.issuer, purpose)}#${f.statusIndex}`,
    type: 'BitstringStatusListEntry' as const,
    statusPurpose: purpose,
    statusListIndex: String(f.statusIndex),
    statusListCredential: statusListUrl(f.issuer, purpose),
  });
  return {
    '@context': [VC_CONTEXT, contextUrl(f.issuer)],
    id: `urn:uuid:${f.credentialId}`,
    type: ['VerifiableCredential', CREDENTIAL_TYPE],
    issuer: { id: f.issuer, countryCode: f.administration },
    validFrom: f.issuedAt.toISOString(),
    validUntil: f.validTo.toISOString(),
    credentialSubject: {
      id: `urn:uuid:${f.operatorId}`,
      type: 'AuthorisedEconomicOperator',
      name: f.legalName,
      identification: f.identifiers.map((i) => ({ id: i.value, schemeID: i.scheme, issuingCountryCode: i.issuer })),
      authorisation: {
        id: f.certificateNumber,
        typeCode: `AEO${f.aeoType}`,
        effectiveDateTime: f.authorisedOn.toISOString(),
        expirationDateTime: f.validTo.toISOString(),
        issuingAuthority: { countryCode: f.administration },
      },
    },
    credentialStatus: [entry('revocation'), entry('suspension')],
  };
}

/** A credential (or a status list credential) as a compact JWS: header typ vc+jwt, alg ES256, the key's id. */
export function signCredential(credential: object & { issuer: { id: string } | string; id?: string }, key: KeyObject, kid: string): string {
  const iss = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  return jwt.sign({ ...credential, iss, ...(credential.id ? { jti: credential.id } : {}) }, key, {
    algorithm: 'ES256',
    keyid: kid,
    header: { alg: 'ES256', typ: 'vc+jwt', cty: 'vc' } as jwt.JwtHeader,
    noTimestamp: true,
  });
}
