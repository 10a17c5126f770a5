import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { RecognitionRecordSchema } from '@aeo/contracts';
import { AEO_TYPE_FROM_WIRE, STATUS_FROM_WIRE } from '../exchange/aeo-codes';

/**
 * A recognition record as partners that do not run this registry read it (the pull feed and the
 * daily batch file): JSON, its names taken from the WCO Data Model where it has a term (README,
 * "Partners outside the federation", maps each field). The same facts as the signed protobuf
 * record the federation's channels carry.
 */
export interface WcoRecord {
  issuer: string;
  sequence: number;
  recordId: string;
  authorisedParty: {
    id: string;
    name: string;
    postalAddress: { line: string; cityName: string; postcodeID: string; countryCode: string };
    identification: { id: string; schemeID: string; issuingCountryCode: string }[];
  };
  authorisation: {
    id: string;
    typeCode: 'AEOC' | 'AEOS' | 'AEOF';
    statusCode: 'valid' | 'suspended' | 'revoked' | 'withdrawn' | 'expired';
    statusEffectiveDateTime: string;
    effectiveDateTime: string;
    expirationDateTime: string;
    issuingAuthority: { countryCode: string };
  };
  sharedWithConsent: boolean;
  audience: string[];
  issueDateTime: string;
  /** Set when the MRA stops covering the AEO for the audience from that day (an amendment). */
  recognitionEndDateTime?: string;
}

const iso = (t: Parameters<typeof timestampDate>[0] | undefined) => (t ? timestampDate(t).toISOString() : '');

/** The WCO-named JSON of a stored record's protobuf bytes. */
export function wcoRecordOf(bytes: Uint8Array): WcoRecord {
  const r = fromBinary(RecognitionRecordSchema, bytes);
  return {
    issuer: r.issuer,
    sequence: Number(r.sequence),
    recordId: r.recordId,
    authorisedParty: {
      id: r.operatorId,
      name: r.operatorName,
      postalAddress: { line: r.address?.street ?? '', cityName: r.address?.city ?? '', postcodeID: r.address?.postalCode ?? '', countryCode: r.address?.country ?? '' },
      identification: r.identifiers.map((i) => ({ id: i.value, schemeID: i.scheme, issuingCountryCode: i.issuer })),
    },
    authorisation: {
      id: r.certificateNumber,
      typeCode: `AEO${AEO_TYPE_FROM_WIRE[r.aeoType]}` as WcoRecord['authorisation']['typeCode'],
      statusCode: STATUS_FROM_WIRE[r.status] as WcoRecord['authorisation']['statusCode'],
      statusEffectiveDateTime: iso(r.statusSince),
      effectiveDateTime: iso(r.authorisedOn),
      expirationDateTime: iso(r.validTo),
      issuingAuthority: { countryCode: r.issuer },
    },
    sharedWithConsent: r.sharedWithConsent,
    audience: [...r.audience],
    issueDateTime: iso(r.issuedAt),
    ...(r.coverageEndsOn ? { recognitionEndDateTime: iso(r.coverageEndsOn) } : {}),
  };
}

/** What is wrong with a WCO record a partner sent (an imported batch), or nothing. */
export function wcoRecordProblems(r: Partial<WcoRecord> | undefined): string[] {
  const problems: string[] = [];
  const date = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!/^[A-Z]{2}$/.test(String(r.issuer))) problems.push('issuer: not an ISO 3166 alpha-2 code');
  if (!Number.isSafeInteger(r.sequence) || (r.sequence ?? 0) < 1) problems.push('sequence: not a whole number from 1');
  if (typeof r.recordId !== 'string' || !r.recordId) problems.push('recordId: missing');
  const p = r.authorisedParty;
  if (!p || typeof p.id !== 'string' || !p.id) problems.push('authorisedParty.id: missing');
  if (!p || typeof p.name !== 'string' || !p.name) problems.push('authorisedParty.name: missing');
  if (!p || !Array.isArray(p.identification) || p.identification.some((i) => !i || !i.id || !i.schemeID || !/^[A-Z]{2}$/.test(String(i.issuingCountryCode)))) {
    problems.push('authorisedParty.identification: each needs id, schemeID and issuingCountryCode');
  }
  const a = r.authorisation;
  if (!a || typeof a.id !== 'string' || !a.id) problems.push('authorisation.id: missing');
  if (!a || !['AEOC', 'AEOS', 'AEOF'].includes(String(a.typeCode))) problems.push('authorisation.typeCode: not AEOC, AEOS or AEOF');
  if (!a || !['valid', 'suspended', 'revoked', 'withdrawn', 'expired'].includes(String(a.statusCode))) problems.push('authorisation.statusCode: not valid, suspended, revoked, withdrawn or expired');
  if (!a || !date(a.statusEffectiveDateTime)) problems.push('authorisation.statusEffectiveDateTime: not a date-time');
  if (!a || !date(a.expirationDateTime)) problems.push('authorisation.expirationDateTime: not a date-time');
  if (typeof r.sharedWithConsent !== 'boolean') problems.push('sharedWithConsent: not true or false');
  if (!Array.isArray(r.audience)) problems.push('audience: not a list');
  return problems;
}
