import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0: one bit per credential, at the index its status entry names;
 * index 0 is the left-most bit of the first byte. The list is GZIP-compressed and written as a
 * multibase base64url string ('u' prefix). At least 131,072 bits (16 KiB), so that a list does not
 * tell how many credentials were issued, nor (indexes being random) in which order.
 */
export const STATUS_LIST_BITS = 131_072;
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export function encodeStatusList(setIndexes: Iterable<number>, bits = STATUS_LIST_BITS): string {
  const bytes = Buffer.alloc(bits / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= bits) throw new RangeError(`status index ${index} is outside the list`);
    bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The bit at an index of an encoded list; throws on a list that is not one. */
export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('the encoded list is not multibase base64url');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (bytes.length * 8 < STATUS_LIST_BITS) throw new Error('the status list is shorter than 131,072 bits');
  if (!Number.isInteger(index) || index < 0 || index >= bytes.length * 8) throw new RangeError(`status index ${index} is outside the list`);
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
