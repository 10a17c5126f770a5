import { CurrentPrincipal, Principal, Public, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApplicationsService } from '../applications/applications.service';
import { ApplicationView } from '../applications/dto/application.view';
import { AuthorisationTransitionDto } from '../workflow/dto/transition.dto';
import { AuthorisationsService } from './authorisations.service';
import { AuthorisationView, CertificateStatusView } from './dto/authorisation.view';
import { HistoryEntryView } from '../history/dto/history-entry.view';

class CertificateQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'fr'], default: 'en', description: "the holder's language" })
  @IsOptional()
  @IsIn(['en', 'fr'], { message: 'lang must be en or fr' })
  lang?: 'en' | 'fr';
}

interface Download {
  setHeader(name: string, value: string): void;
  send(body: Buffer): void;
}

@ApiTags('authorisations')
@ApiBearerAuth()
@Controller()
export class AuthorisationsController {
  constructor(
    private readonly authorisations: AuthorisationsService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get('authorisations/:id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'An authorisation (certificate, status, hearing, cure period, reassessment) with its full history.' })
  @ApiOkResponse({ type: AuthorisationView })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.authorisations.get(id, principal);
  }

  @Get('authorisations/:id/certificate')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The certificate of an authorisation in force, as a PDF with a QR code to its verify page (409 when not in force).' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'the certificate (PDF, A4, one page)',
    schema: { type: 'string', format: 'binary' },
    headers: { 'Content-Disposition': { description: 'attachment; filename="<certificate number>.pdf"', schema: { type: 'string' } } },
  })
  async certificate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: CertificateQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Download,
  ) {
    const { pdf, certificateNumber } = await this.authorisations.certificate(id, principal, query.lang ?? 'en');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${certificateNumber}.pdf"`);
    res.send(Buffer.from(pdf));
  }

  @Public()
  @Get('verify/:id')
  @ApiOperation({ summary: 'Anyone holding a certificate (or its QR code): its status today. By the random verification id, never by number.' })
  @ApiOkResponse({ type: CertificateStatusView })
  verify(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.authorisations.verify(id);
  }

  @Post('authorisations/:id/transitions')
  @Roles('trader', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'Take a step: propose_suspension, answer_hearing, suspend, extend_cure, reinstate, propose_partial_revocation, revoke_partially, withdraw...',
    description: 'A suspension or revocation needs a hearing first (propose, the holder answers or 30 days pass, then decide); a holder may ask to be suspended.',
  })
  @ApiCreatedResponse({ type: AuthorisationView, description: 'the authorisation after the step' })
  act(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AuthorisationTransitionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.authorisations.act(id, dto, principal, req.correlationId);
  }

  @Get('operators/:operatorId/history')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Every step of every application and authorisation of an operator, oldest first.' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  operatorHistory(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.operatorHistory(operatorId, principal);
  }

  @Get('operators/:operatorId/applications')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The applications of an operator, newest first (a trader: its own operators).' })
  @ApiOkResponse({ type: [ApplicationView] })
  ofOperatorApplications(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.ofOperator(operatorId, principal);
  }

  @Get('operators/:operatorId/authorisations')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The authorisations of an operator (its certificates).' })
  @ApiOkResponse({ type: [AuthorisationView] })
  ofOperator(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    return this.authorisations.ofOperator(operatorId, principal);
  }
}
