import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class GrantDto {
  @ApiPropertyOptional({ example: 'validation visit found every criterion met' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class StatusChangeDto {
  @ApiProperty({ example: 'security breach at the Durban warehouse under investigation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
