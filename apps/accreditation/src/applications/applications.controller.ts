import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccreditationService } from '../authorisations/accreditation.service';
import { GrantDto } from '../authorisations/dto/decision.dto';
import { SubmitApplicationDto } from './dto/submit-application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly accreditation: AccreditationService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'A trader applies for AEO status for its operator.' })
  submit(@Body() dto: SubmitApplicationDto, @CurrentPrincipal() principal: Principal, @Req() req: { correlationId?: string }) {
    return this.accreditation.submit(dto, principal, req.correlationId);
  }

  @Get(':id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.accreditation.getApplication(id, principal);
  }

  @Post(':id/grant')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Grant AEO status: issues a numbered certificate (minimal path; the full workflow comes later).' })
  grant(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: GrantDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.accreditation.grant(id, dto.reason, principal, req.correlationId);
  }
}
