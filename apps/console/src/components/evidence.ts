import { api, must } from '../api/clients';
import type { components } from '../api/generated/mra-exchange';

type Evidence = components['schemas']['RecognitionEvidenceView'];
export type Verification = { valid: true; keyId: string } | { valid: false; keyId: string; why: 'unknown-key' | 'bad-signature' | 'unsupported' };

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const der = (pem: string) => bytes(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));

/**
 * Checks the signed record behind an answer in the browser (WebCrypto, ES256) against the
 * issuer's key as the MRA records it (current or rotated out), not against anything the answer says.
 */
export async function verifyEvidence(evidence: Evidence, issuer: string): Promise<Verification> {
  if (!globalThis.crypto?.subtle) return { valid: false, keyId: evidence.keyId, why: 'unsupported' };
  const arrangements = must(await api.mra.GET('/arrangements'));
  const keys = arrangements
    .flatMap((a) => a.parties)
    .filter((p) => p.administration === issuer)
    .flatMap((p) => [{ keyId: p.keyId, publicKey: p.publicKey }, ...p.previousKeys]);
  const key = keys.find((k) => k.keyId === evidence.keyId);
  if (!key) return { valid: false, keyId: evidence.keyId, why: 'unknown-key' };
  const publicKey = await crypto.subtle.importKey('spki', der(key.publicKey), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, bytes(evidence.signature), bytes(evidence.record));
  return valid ? { valid: true, keyId: key.keyId } : { valid: false, keyId: key.keyId, why: 'bad-signature' };
}
