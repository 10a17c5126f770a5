import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAIL_PROBLEMS, MAIL_STATUSES, MailStatus } from '../notice.entity';
import { Language, LANGUAGES } from '../notice-texts';

class PageDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class NoticesQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: LANGUAGES, description: "the language to word them in (the console's); without it, the reader's own" })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `lang must be one of ${LANGUAGES.join(', ')}` })
  lang?: Language;

  @ApiPropertyOptional({ description: 'only the notices not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class DeliveriesQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, description: `one outcome; without it, the problems (${MAIL_PROBLEMS.join(', ')})` })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}
