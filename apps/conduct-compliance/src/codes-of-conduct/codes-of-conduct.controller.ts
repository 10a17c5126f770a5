import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodeOfConductView } from '../views/views';
import { CodesOfConductService } from './codes-of-conduct.service';
import { ReviewCodeOfConductDto, SubmitCodeOfConductDto } from './dto/code-of-conduct.dto';

@ApiTags('codes of conduct')
@ApiBearerAuth()
@Controller()
export class CodesOfConductController {
  constructor(private readonly codes: CodesOfConductService) {}

  @Post('operators/:operatorId/codes-of-conduct')
  @Roles('trader')
  @ApiOperation({ summary: 'The AEO records a version of its Code of Conduct; it supersedes one awaiting review, and the one in force once accepted.' })
  @ApiCreatedResponse({ type: CodeOfConductView })
  submit(
    @Param('operatorId', new ParseUUIDPipe()) operatorId: string,
    @Body() dto: SubmitCodeOfConductDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.codes.submit(operatorId, dto, principal).then(CodeOfConductView.of);
  }

  @Get('operators/:operatorId/codes-of-conduct')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Every version of the operator code, with the reviews.' })
  @ApiOkResponse({ type: [CodeOfConductView] })
  list(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    return this.codes.list(operatorId, principal).then((codes) => codes.map(CodeOfConductView.of));
  }

  @Post('codes-of-conduct/:id/review')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Customs accepts a submitted code, or returns it with reasons.' })
  @ApiCreatedResponse({ type: CodeOfConductView })
  review(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReviewCodeOfConductDto, @CurrentPrincipal() principal: Principal) {
    return this.codes.review(id, dto, principal).then(CodeOfConductView.of);
  }
}
