import { ServiceConfig } from '@aeo/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/**
 * Environment of conduct-compliance. The compliance rules are set per administration and
 * default to the values (compliance/compliance-rules.ts applies them).
 */
export class ConductComplianceConfig extends ServiceConfig {
  /** No accepted Code of Conduct: block a grant (default), only warn, or ignore. */
  @IsIn(['block', 'warn', 'off'])
  RULE_NO_ACCEPTED_CODE: 'block' | 'warn' | 'off' = 'block';

  /** Share (percent) of people in sensitive positions with valid insider-threat training below which the rule applies. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  TRAINING_COVERAGE_THRESHOLD = 90;

  @IsIn(['block', 'warn', 'off'])
  RULE_LOW_COVERAGE: 'block' | 'warn' | 'off' = 'warn';

  /** Months between the periodic declarations of compliance with the code (yearly by default). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  DECLARATION_INTERVAL_MONTHS = 12;

  @IsIn(['block', 'warn', 'off'])
  RULE_OVERDUE_DECLARATION: 'block' | 'warn' | 'off' = 'warn';

  /** A critical incident without accepted measures: propose a suspension (default), warn, or ignore. */
  @IsIn(['propose-suspension', 'warn', 'off'])
  RULE_CRITICAL_INCIDENT: 'propose-suspension' | 'warn' | 'off' = 'propose-suspension';

  /** How often statuses are derived anew against the clock (declarations fall due, training lapses). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SCHEDULER_INTERVAL_MS = 60_000;
}
