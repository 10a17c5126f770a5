/**
 * Certificate numbers, EU style (DOMAIN.md): country + "AEO" + type + a 7-digit serial,
 * e.g. "ZAAEOF0000123".
 */
export function certificateNumber(administration: string, aeoType: 'C' | 'S' | 'F', serial: number): string {
  return `${administration}AEO${aeoType}${String(serial).padStart(7, '0')}`;
}
