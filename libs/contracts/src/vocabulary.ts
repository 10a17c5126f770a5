import { ApplicationStage as ApplicationStageWire } from './gen/aeo/accreditation/v1/events_pb';
import { ComplianceState } from './gen/aeo/conduct_compliance/v1/events_pb';
import { AeoStatus, SizeClass as SizeClassWire } from './gen/aeo/platform/v1/common_pb';

/**
 * Closed lists every service names the same way, beside the wire contract (the proto carries
 * them as strings today). One definition each: a service never spells its own copy.
 */

/** An operator's size class (DOMAIN.md), from headcount and annual turnover. */
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClassName = (typeof SIZE_CLASSES)[number];

/** Micro, small and medium enterprises: the MSME route of the SAQ is open to them. */
export const MSME_SIZE_CLASSES: readonly SizeClassName[] = ['micro', 'small', 'medium'];

/** Whether an operator of this size class (unknown: null) is an MSME. */
export function isMsme(sizeClass: string | null | undefined): boolean {
  return (MSME_SIZE_CLASSES as readonly string[]).includes(sizeClass ?? '');
}

/**
 * A closed list's word (`micro`, `under_review`, `compliant`) and its enum on the wire
 * (`SizeClass.MICRO`...), both ways; unspecified on the wire is null here, and back.
 */
function wordsOf<E extends number>(enumObject: Record<string, string | number>) {
  return {
    toWire: (word: string | null | undefined): E => ((word ? enumObject[word.toUpperCase()] : undefined) ?? 0) as E,
    fromWire: (value: E): string | null => (value ? (enumObject[value] as string | undefined)?.toLowerCase() ?? null : null),
  };
}

export const SIZE_CLASS_WIRE = wordsOf<SizeClassWire>(SizeClassWire as unknown as Record<string, string | number>);
/** An operator event's size class: its enum, else the text field older producers set; null when not known. */
export const sizeClassOfEvent = (m: { size: SizeClassWire; sizeClass: string }): string | null => SIZE_CLASS_WIRE.fromWire(m.size) ?? (m.sizeClass || null);
export const COMPLIANCE_STATE_WIRE = wordsOf<ComplianceState>(ComplianceState as unknown as Record<string, string | number>);
export const APPLICATION_STAGE_WIRE = wordsOf<ApplicationStageWire>(ApplicationStageWire as unknown as Record<string, string | number>);
export const AEO_STATUS_WIRE = wordsOf<AeoStatus>(AeoStatus as unknown as Record<string, string | number>);
