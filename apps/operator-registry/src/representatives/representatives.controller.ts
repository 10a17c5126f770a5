import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthoriseRepresentativeDto, RepresentativeView } from './dto/representative.dto';
import { RepresentativesService } from './representatives.service';

@ApiTags('representatives')
@ApiBearerAuth()
@Controller('operators/:id/representatives')
export class RepresentativesController {
  constructor(private readonly representatives: RepresentativesService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'The holder authorises a representative (a customs broker, a consultant) for named acts, from a day, until a day or until revoked.' })
  @ApiCreatedResponse({ type: RepresentativeView })
  authorise(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AuthoriseRepresentativeDto, @CurrentPrincipal() principal: Principal, @Req() req: { correlationId?: string }) {
    return this.representatives.authorise(id, dto, principal, req.correlationId);
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "The operator's mandates, newest first (its holder and staff; a representative sees its own)." })
  @ApiOkResponse({ type: [RepresentativeView] })
  list(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.representatives.list(id, principal);
  }

  @Post(':representationId/revoke')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({ summary: 'The holder revokes a mandate, at once.' })
  @ApiOkResponse({ type: RepresentativeView })
  revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('representationId', new ParseUUIDPipe()) representationId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.representatives.revoke(id, representationId, principal, req.correlationId);
  }
}
