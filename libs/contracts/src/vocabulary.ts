/**
 * Closed lists every service names the same way, beside the wire contract (the proto carries
 * them as strings today). One definition each: a service never spells its own copy.
 */

/** An operator's size class (DOMAIN.md), from headcount and annual turnover. */
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Micro, small and medium enterprises: the MSME route of the SAQ is open to them. */
export const MSME_SIZE_CLASSES: readonly SizeClass[] = ['micro', 'small', 'medium'];

/** Whether an operator of this size class (unknown: null) is an MSME. */
export function isMsme(sizeClass: string | null | undefined): boolean {
  return (MSME_SIZE_CLASSES as readonly string[]).includes(sizeClass ?? '');
}
