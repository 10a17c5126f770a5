import { ServiceConfig } from '@aeo/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Environment of the accreditation service. Rules that vary by country default to DOMAIN.md. */
export class AccreditationConfig extends ServiceConfig {
  /** Years an authorisation is valid (SARS rule 64E.09: 5). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  AUTHORISATION_VALIDITY_YEARS = 5;
}
