import { ServiceConfig } from '@aeo/platform';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, Min } from 'class-validator';
import { SizeLimits } from '../operators/size-class';

/** Environment of the operator registry. Size-class limits default to the EU SME definition. */
export class OperatorRegistryConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(0) SIZE_MICRO_MAX_EMPLOYEES = 9;
  @Type(() => Number) @IsNumber() @Min(0) SIZE_MICRO_MAX_TURNOVER = 2_000_000;
  @Type(() => Number) @IsInt() @Min(0) SIZE_SMALL_MAX_EMPLOYEES = 49;
  @Type(() => Number) @IsNumber() @Min(0) SIZE_SMALL_MAX_TURNOVER = 10_000_000;
  @Type(() => Number) @IsInt() @Min(0) SIZE_MEDIUM_MAX_EMPLOYEES = 249;
  @Type(() => Number) @IsNumber() @Min(0) SIZE_MEDIUM_MAX_TURNOVER = 50_000_000;

  get sizeLimits(): SizeLimits {
    return {
      micro: { maxEmployees: this.SIZE_MICRO_MAX_EMPLOYEES, maxTurnover: this.SIZE_MICRO_MAX_TURNOVER },
      small: { maxEmployees: this.SIZE_SMALL_MAX_EMPLOYEES, maxTurnover: this.SIZE_SMALL_MAX_TURNOVER },
      medium: { maxEmployees: this.SIZE_MEDIUM_MAX_EMPLOYEES, maxTurnover: this.SIZE_MEDIUM_MAX_TURNOVER },
    };
  }
}
