import { create } from '@bufbuild/protobuf';
import { SignedCheckpoint, SignedCheckpointSchema } from '@aeo/contracts';

/** The origin line of an issuer's log: names the log a checkpoint is of. */
export const logOrigin = (issuer: string) => `aeo-registry/mra-log/${issuer}`;

/** A checkpoint's note: origin, size and root, one a line (after the C2SP tlog-checkpoint format). */
export function checkpointNote(issuer: string, size: number, root: Uint8Array): Buffer {
  return Buffer.from(`${logOrigin(issuer)}\n${size}\n${Buffer.from(root).toString('base64')}\n`);
}

export interface Checkpoint {
  issuer: string;
  size: number;
  root: Buffer;
}

/** Reads a note; undefined when it is not a checkpoint of an issuer's log. */
export function parseCheckpoint(note: Uint8Array): Checkpoint | undefined {
  const m = /^aeo-registry\/mra-log\/([A-Z]{2})\n(0|[1-9]\d{0,15})\n([A-Za-z0-9+/]{43}=)\n$/.exec(Buffer.from(note).toString('utf8'));
  if (!m) return undefined;
  const root = Buffer.from(m[3], 'base64');
  return root.length === 32 ? { issuer: m[1], size: Number(m[2]), root } : undefined;
}

export function signedCheckpoint(note: Buffer, sign: (bytes: Uint8Array) => Buffer, keyId: string): SignedCheckpoint {
  return create(SignedCheckpointSchema, { note, signature: sign(note), keyId });
}
