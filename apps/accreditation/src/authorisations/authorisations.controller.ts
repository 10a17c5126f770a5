import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccreditationService } from './accreditation.service';
import { StatusChangeDto } from './dto/decision.dto';

@ApiTags('authorisations')
@ApiBearerAuth()
@Controller('authorisations')
export class AuthorisationsController {
  constructor(private readonly accreditation: AccreditationService) {}

  @Get(':id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'An authorisation with its full history.' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.accreditation.getAuthorisation(id, principal);
  }

  @Post(':id/suspend')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Suspend: benefits stop, here and at partners.' })
  suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StatusChangeDto, @CurrentPrincipal() p: Principal, @Req() req: { correlationId?: string }) {
    return this.accreditation.changeStatus(id, 'suspend', dto.reason, p, req.correlationId);
  }

  @Post(':id/reinstate')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reinstate a suspended authorisation.' })
  reinstate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StatusChangeDto, @CurrentPrincipal() p: Principal, @Req() req: { correlationId?: string }) {
    return this.accreditation.changeStatus(id, 'reinstate', dto.reason, p, req.correlationId);
  }

  @Post(':id/revoke')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Revoke an authorisation.' })
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StatusChangeDto, @CurrentPrincipal() p: Principal, @Req() req: { correlationId?: string }) {
    return this.accreditation.changeStatus(id, 'revoke', dto.reason, p, req.correlationId);
  }
}
