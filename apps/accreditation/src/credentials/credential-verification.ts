import jwt from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { AeoCredential, CREDENTIAL_TYPE } from './aeo-credential';
import { statusBit, StatusPurpose } from './status-list';

/** What a verifier is told: one verdict, and why. */
export const VERDICTS = ['valid', 'suspended', 'revoked', 'expired', 'not_yet_valid', 'forged', 'unknown_issuer', 'malformed'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Verification {
  verdict: Verdict;
  reasons: string[];
  issuer?: string;
  keyId?: string;
  /** Whether the status lists were read (offline, only the signature and the dates are checked). */
  statusChecked: boolean;
  credential?: AeoCredential;
}

export interface VerificationContext {
  now: Date;
  /** The issuer's public key of this id, if the issuer is trusted; `trusted: false` for an issuer this verifier does not know. */
  key(issuer: string, kid: string): Promise<{ trusted: boolean; key?: KeyObject }>;
  /** The encoded list of a status list credential (verified by the caller); absent offline. */
  statusList?(url: string, purpose: StatusPurpose, issuer: string): Promise<string>;
}

function decode(token: string): { header: jwt.JwtHeader; payload: Record<string, unknown> } | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof header === 'object' && typeof payload === 'object' && payload ? { header, payload } : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a compact vc+jwt with the issuer's key and a verified status list's bits (the caller verifies the list's own signature). */
export async function verifyJws(token: string, key: KeyObject): Promise<Record<string, unknown>> {
  return jwt.verify(token.trim(), key, { algorithms: ['ES256'], ignoreExpiration: true, ignoreNotBefore: true }) as Record<string, unknown>;
}

/**
 * Verifies an AEO credential: its form, its issuer (one this verifier trusts), its signature with
 * the issuer's published key, its dates, then (online) its revocation and suspension bits.
 */
export async function verifyCredential(token: string, context: VerificationContext): Promise<Verification> {
  const decoded = decode(token);
  if (!decoded) return { verdict: 'malformed', reasons: ['this is not a credential: a vc+jwt has three base64url parts, header and claims in JSON'], statusChecked: false };
  const { header, payload } = decoded;
  if (header.alg !== 'ES256' || header.typ !== 'vc+jwt' || typeof header.kid !== 'string') {
    return { verdict: 'malformed', reasons: [`an AEO credential is a vc+jwt signed ES256 with a key id (this one: typ ${String(header.typ)}, alg ${String(header.alg)})`], statusChecked: false };
  }
  const claims = payload as unknown as AeoCredential & { iss?: string };
  const issuer = typeof claims.issuer === 'object' ? claims.issuer?.id : (claims.issuer as unknown as string);
  if (!issuer || claims.iss !== issuer || !Array.isArray(claims.type) || !claims.type.includes(CREDENTIAL_TYPE)) {
    return { verdict: 'malformed', reasons: ['this is not an AEO credential: its issuer or its type is missing'], statusChecked: false };
  }
  const base = { issuer, keyId: header.kid };
  const { trusted, key } = await context.key(issuer, header.kid);
  if (!trusted) return { ...base, verdict: 'unknown_issuer', reasons: [`${issuer} is not an issuer this registry trusts (its own administration or a partner's)`], statusChecked: false };
  if (!key) return { ...base, verdict: 'forged', reasons: [`the issuer publishes no key ${header.kid}: it did not sign this credential`], statusChecked: false };
  try {
    await verifyJws(token, key);
  } catch {
    return { ...base, verdict: 'forged', reasons: ["the signature does not match the claims: the credential was altered, or not signed with the issuer's key"], statusChecked: false };
  }
  const credential = claims;
  const from = Date.parse(credential.validFrom);
  const until = Date.parse(credential.validUntil);
  if (Number.isNaN(from) || Number.isNaN(until)) return { ...base, credential, verdict: 'malformed', reasons: ['validFrom and validUntil must be dates'], statusChecked: false };
  if (context.now.getTime() < from) return { ...base, credential, verdict: 'not_yet_valid', reasons: [`valid from ${credential.validFrom}`], statusChecked: false };
  if (context.now.getTime() >= until) return { ...base, credential, verdict: 'expired', reasons: [`the authorisation's validity ended on ${credential.validUntil}`], statusChecked: false };
  if (!context.statusList) {
    return { ...base, credential, verdict: 'valid', reasons: ['signature and dates checked offline; revocation and suspension need the status lists'], statusChecked: false };
  }
  const flags: Partial<Record<StatusPurpose, boolean>> = {};
  for (const entry of credential.credentialStatus ?? []) {
    if (entry.type !== 'BitstringStatusListEntry' || (entry.statusPurpose !== 'revocation' && entry.statusPurpose !== 'suspension')) continue;
    if (!entry.statusListCredential.startsWith(`${issuer}/`)) {
      return { ...base, credential, verdict: 'malformed', reasons: ['the status list is not served by the issuer'], statusChecked: false };
    }
    const list = await context.statusList(entry.statusListCredential, entry.statusPurpose, issuer);
    flags[entry.statusPurpose] = statusBit(list, Number(entry.statusListIndex));
  }
  if (flags.revocation === undefined || flags.suspension === undefined) {
    return { ...base, credential, verdict: 'malformed', reasons: ['the credential names no revocation or no suspension status entry'], statusChecked: false };
  }
  if (flags.revocation) return { ...base, credential, verdict: 'revoked', reasons: ['the issuer revoked this credential (the authorisation was revoked or withdrawn, or a newer credential replaced it)'], statusChecked: true };
  if (flags.suspension) return { ...base, credential, verdict: 'suspended', reasons: ['the authorisation is suspended'], statusChecked: true };
  return { ...base, credential, verdict: 'valid', reasons: ['signature, dates, revocation and suspension checked'], statusChecked: true };
}
