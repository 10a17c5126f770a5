import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FieldChangeView, OperatorChangeView, OperatorPageView, OperatorView } from './dto/operator.view';
import { ConsentDto, HandOverDto, ListOperatorsQuery, NotifyChangesDto, RegisterOperatorDto } from './dto/register-operator.dto';
import { OperatorsService } from './operators.service';

@ApiTags('operators')
@ApiExtraModels(FieldChangeView)
@ApiBearerAuth()
@Controller('operators')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'A trader registers its company, with its identifiers and consents.' })
  @ApiCreatedResponse({ type: OperatorView })
  register(@Body() dto: RegisterOperatorDto, @CurrentPrincipal() principal: Principal, @Req() req: { correlationId?: string }) {
    return this.operators.register(dto, principal, req.correlationId);
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Operators: a trader sees those it registered; staff search this administration’s by name.' })
  @ApiOkResponse({ type: OperatorPageView })
  list(@Query() query: ListOperatorsQuery, @CurrentPrincipal() principal: Principal) {
    return this.operators.list(query, principal);
  }

  @Get(':id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'One operator: identifiers and the consent in force.' })
  @ApiOkResponse({ type: OperatorView })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.operators.get(id, principal);
  }

  @Patch(':id')
  @Roles('trader')
  @ApiOperation({ summary: 'The holder notifies a change (address, ownership, sites, management...); significant ones flag reassessment.' })
  @ApiOkResponse({ type: OperatorView, description: 'the operator after the change' })
  notifyChanges(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: NotifyChangesDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.operators.notifyChanges(id, dto, principal, req.correlationId);
  }

  @Get(':id/changes')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Every change the holder notified, before and after.' })
  @ApiOkResponse({ type: [OperatorChangeView] })
  changes(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.operators.changes(id, principal);
  }

  @Put(':id/consent')
  @Roles('trader')
  @ApiOperation({ summary: 'The holder gives or withdraws its consents; each change is a new record.' })
  @ApiOkResponse({ type: OperatorView, description: 'the operator with the consent now in force' })
  changeConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ConsentDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.operators.changeConsent(id, dto, principal, req.correlationId);
  }

  @Put(':id/holder')
  @Roles('supervisor')
  @ApiOperation({ summary: 'A supervisor hands the operator to the trader who acts for it (an imported operator, or one whose trader changed); kept as a change with why.' })
  @ApiOkResponse({ type: OperatorView, description: 'the operator, with its new holder' })
  handOver(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: HandOverDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.operators.handOver(id, dto, principal, req.correlationId);
  }
}
