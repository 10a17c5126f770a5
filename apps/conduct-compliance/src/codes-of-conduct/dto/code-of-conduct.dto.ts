import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class ApproverDto {
  @ApiProperty({ example: 'Naledi Mokoena' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'managing director' })
  @IsString()
  @Length(1, 200)
  function: string;
}

export class SubmitCodeOfConductDto {
  @ApiProperty({ description: 'The text of the code (up to 200,000 characters)' })
  @IsString()
  @Length(20, 200_000, { message: 'text must be 20 to 200,000 characters' })
  text: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'adoptedOn must be a date (YYYY-MM-DD)' })
  adoptedOn: string;

  @ApiProperty({ type: ApproverDto, description: 'Who in management approved it' })
  @ValidateNested()
  @Type(() => ApproverDto)
  approvedBy: ApproverDto;
}

export class ReviewCodeOfConductDto {
  @ApiProperty({ enum: ['accept', 'return'] })
  @IsIn(['accept', 'return'])
  decision: 'accept' | 'return';

  @ApiPropertyOptional({ description: 'Required when returning: what must change' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  reason?: string;
}
