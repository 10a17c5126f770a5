import { Roles } from '@aeo/platform';
import { ApplicationErrors } from '../accreditation.errors';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../applications/application.entity';
import { SaqCriterionView } from './dto/saq.view';
import { criteriaFor, SAFE_CRITERIA } from './safe-criteria';

@ApiTags('saq')
@ApiBearerAuth()
@Controller('saq')
export class SaqController {
  @Get('criteria')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiQuery({ name: 'aeoType', required: false, enum: AEO_TYPES })
  @ApiOperation({ summary: 'The SAQ sections (SAFE FoS 2025 criteria), their questions and the evidence on the standard and MSME routes.' })
  @ApiOkResponse({ type: [SaqCriterionView], description: 'every criterion, or those of the AEO type asked for' })
  criteria(@Query('aeoType') aeoType?: string): readonly SaqCriterionView[] {
    if (aeoType === undefined) return SAFE_CRITERIA;
    if (!(AEO_TYPES as readonly string[]).includes(aeoType)) throw ApplicationErrors.unknownAeoType('aeoType must be one of C, S, F');
    return criteriaFor(aeoType as AeoTypeCode);
  }
}
