/**
 * Certificate numbers, from a format set per administration (CERTIFICATE_NUMBER_FORMAT). The
 * default is EU style (DOMAIN.md): country + "AEO" + type + a 7-digit serial, "ZAAEOF0000123".
 * Tokens: {adm} the administration, {type} C, S or F, {serial:N} the serial padded to N digits.
 */
export const DEFAULT_CERTIFICATE_FORMAT = '{adm}AEO{type}{serial:7}';

export function certificateNumber(
  administration: string,
  aeoType: 'C' | 'S' | 'F',
  serial: number,
  format = DEFAULT_CERTIFICATE_FORMAT,
): string {
  return format
    .replace('{adm}', administration)
    .replace('{type}', aeoType)
    .replace(/\{serial(?::(\d+))?\}/, (_m, width: string | undefined) => String(serial).padStart(Number(width ?? 0), '0'));
}

