import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplianceView } from '../views/views';
import { ComplianceService } from './compliance.service';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('operators/:operatorId/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The compliance status (compliant, warning, blocking), why, the facts behind it and the rules applied.' })
  @ApiOkResponse({ type: ComplianceView })
  get(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal): Promise<ComplianceView> {
    return this.compliance.statusFor(operatorId, by);
  }
}
