import { SizeClassName } from '@aeo/contracts';

/**
 * Size classes of DOMAIN.md (micro, small, medium, large), from headcount and annual turnover.
 * A class applies when both figures are within its limits; the first that applies is the
 * operator's. Limits are configuration per administration; the defaults are the EU's SME
 * definition (fewer than 10 / 50 / 250 employees; turnover up to 2 / 10 / 50 million).
 * Micro, small and medium take the MSME route.
 */
export interface SizeLimits {
  micro: { maxEmployees: number; maxTurnover: number };
  small: { maxEmployees: number; maxTurnover: number };
  medium: { maxEmployees: number; maxTurnover: number };
}

export function sizeClassOf(employees: number, annualTurnover: number, limits: SizeLimits): SizeClassName {
  for (const size of ['micro', 'small', 'medium'] as const) {
    if (employees <= limits[size].maxEmployees && annualTurnover <= limits[size].maxTurnover) return size;
  }
  return 'large';
}

