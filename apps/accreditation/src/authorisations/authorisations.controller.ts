import { Clock, CurrentPrincipal, isStaff, Principal, Roles } from '@aeo/platform';
import { AuthorisationErrors } from '../accreditation.errors';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Transition } from '../history/transition.entity';
import { ApplicationsService } from '../applications/applications.service';
import { operatorFor } from '../workflow/access';
import { AuthorisationTransitionDto } from '../workflow/dto/transition.dto';
import { authorisationActionsOpen, partnerStatus } from '../workflow/state-machine';
import { WorkflowService } from '../workflow/workflow.service';
import { Authorisation } from './authorisation.entity';
import { AuthorisationView } from './dto/authorisation.view';
import { HistoryEntryView } from '../history/dto/history-entry.view';

@ApiTags('authorisations')
@ApiBearerAuth()
@Controller()
export class AuthorisationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
  ) {}

  @Get('authorisations/:id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'An authorisation (certificate, status, hearing, cure period, reassessment) with its full history.' })
  @ApiOkResponse({ type: AuthorisationView })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const authorisation = await this.dataSource.manager.findOneBy(Authorisation, { id });
    if (!authorisation) throw AuthorisationErrors.notFound('no such authorisation');
    return this.view(authorisation, principal);
  }

  /** The authorisation as the principal sees it, with its history and the steps open to them. */
  private async view(authorisation: Authorisation, principal: Principal): Promise<AuthorisationView> {
    const manager = this.dataSource.manager;
    const operator = await operatorFor(manager, authorisation.operatorId, principal);
    const history = await manager.find(Transition, { where: { authorisationId: authorisation.id }, order: { position: 'ASC' } });
    const own = operator.registeredBy === principal.subject;
    const actor = { subject: principal.subject, roles: isStaff(principal) || own ? principal.roles : [] };
    return AuthorisationView.of(
      authorisation,
      partnerStatus(authorisation),
      authorisationActionsOpen(authorisation, actor, this.clock.now(), this.workflow.rules),
      history.map(HistoryEntryView.of),
    );
  }

  @Post('authorisations/:id/transitions')
  @Roles('trader', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'Take a step: propose_suspension, answer_hearing, suspend, extend_cure, reinstate, propose_partial_revocation, revoke_partially, withdraw...',
    description: 'A suspension or revocation needs a hearing first (propose, the holder answers or 30 days pass, then decide); a holder may ask to be suspended.',
  })
  @ApiCreatedResponse({ type: AuthorisationView, description: 'the authorisation after the step' })
  async act(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AuthorisationTransitionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    const next = await this.workflow.actOnAuthorisation(id, dto, principal, req.correlationId);
    return this.view(next, principal);
  }

  @Get('operators/:operatorId/history')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Every step of every application and authorisation of an operator, oldest first.' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  operatorHistory(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.operatorHistory(operatorId, principal);
  }

  @Get('operators/:operatorId/authorisations')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The authorisations of an operator (its certificates).' })
  @ApiOkResponse({ type: [AuthorisationView] })
  async ofOperator(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() principal: Principal) {
    const list = await this.dataSource.manager.find(Authorisation, { where: { operatorId }, order: { authorisedOn: 'ASC' } });
    const operator = await operatorFor(this.dataSource.manager, operatorId, principal);
    const actor = { subject: principal.subject, roles: isStaff(principal) || operator.registeredBy === principal.subject ? principal.roles : [] };
    return list.map((a) => AuthorisationView.of(a, partnerStatus(a), authorisationActionsOpen(a, actor, this.clock.now(), this.workflow.rules)));
  }
}
