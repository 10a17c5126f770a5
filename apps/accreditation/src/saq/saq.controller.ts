import { Roles } from '@aeo/platform';
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../applications/application.entity';
import { criteriaFor, SAFE_CRITERIA } from './safe-criteria';

@ApiTags('saq')
@ApiBearerAuth()
@Controller('saq')
export class SaqController {
  @Get('criteria')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiQuery({ name: 'aeoType', required: false, enum: AEO_TYPES })
  @ApiOperation({ summary: 'The SAQ sections (SAFE FoS 2025 criteria), their questions and the evidence on the standard and MSME routes.' })
  criteria(@Query('aeoType') aeoType?: string) {
    if (aeoType === undefined) return SAFE_CRITERIA;
    if (!(AEO_TYPES as readonly string[]).includes(aeoType)) throw new BadRequestException('aeoType must be one of C, S, F');
    return criteriaFor(aeoType as AeoTypeCode);
  }
}
