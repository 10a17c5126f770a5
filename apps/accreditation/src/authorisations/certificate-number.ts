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

/** The serial in a certificate number of this administration's format (any type), or null when the number is in another format. */
export function serialIn(number: string, administration: string, format = DEFAULT_CERTIFICATE_FORMAT): number | null {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = format
    .split(/(\{adm\}|\{type\}|\{serial(?::\d+)?\})/)
    .map((part) => (part === '{adm}' ? escape(administration) : part === '{type}' ? '[CSF]' : part.startsWith('{serial') ? '(\\d+)' : escape(part)))
    .join('');
  const m = new RegExp(`^${pattern}$`).exec(number);
  return m && Number(m[1]) <= 2_147_483_647 ? Number(m[1]) : null;
}
