/**
 * Checks that the bytes are what the declared content type says: PDF, PNG and JPEG by their
 * signature, text and CSV as UTF-8 without NUL bytes. Says what is wrong, or nothing.
 */
const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

export function contentProblem(contentType: string, bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  const signature = SIGNATURES[contentType];
  if (signature) {
    return signature.every((b, i) => bytes[i] === b) ? undefined : `the file's first bytes do not match its declared type (${contentType})`;
  }
  if (contentType === 'text/plain' || contentType === 'text/csv') {
    if (bytes.includes(0)) return `the file is not ${contentType}: it holds NUL bytes`;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return `the file is not ${contentType}: it is not UTF-8`;
    }
    return undefined;
  }
  return `content type ${contentType} is not accepted`;
}
