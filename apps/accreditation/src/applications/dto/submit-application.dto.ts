import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { AEO_TYPES, AeoTypeCode } from '../application.entity';

export class SubmitApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  operatorId: string;

  @ApiProperty({ enum: AEO_TYPES, description: 'C customs simplifications, S security and safety, F both' })
  @IsIn(AEO_TYPES)
  aeoType: AeoTypeCode;
}
