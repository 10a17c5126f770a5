import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HistoryEntryView } from '../history/dto/history-entry.view';
import { ApplicationView } from './dto/application.view';
import { WorkQueueView } from './dto/work-queue.view';
import { SaqView } from '../saq/dto/saq.view';
import { AcceptedLanguages } from '../saq/accepted-languages.decorator';
import { ApplicationTransitionDto } from '../workflow/dto/transition.dto';
import { ApplicationsService } from './applications.service';
import { AssignDto, CreateApplicationDto, QueueQueryDto, SaveSectionDto } from './dto/application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'A trader opens a draft application for its operator (refused for 3 years after a revocation).' })
  @ApiCreatedResponse({ type: ApplicationView })
  create(@Body() dto: CreateApplicationDto, @CurrentPrincipal() principal: Principal) {
    return this.applications.create(dto, principal);
  }

  @Get()
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The work queue: filter by stage, deadline, size class, assignee; nearest deadline first.' })
  @ApiOkResponse({ type: WorkQueueView })
  queue(@Query() query: QueueQueryDto) {
    return this.applications.queue(query);
  }

  @Get(':id')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'An application with its deadlines, pauses and the steps open to you.' })
  @ApiOkResponse({ type: ApplicationView })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.get(id, principal);
  }

  @Get(':id/saq')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'The SAQ, one section per criterion the AEO type covers, with what each still lacks.',
    description: 'In the questionnaire version the application was started on; texts in the language of Accept-Language where the version has it (English otherwise).',
  })
  @ApiOkResponse({ type: SaqView })
  saq(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal, @AcceptedLanguages() languages: string[]): Promise<SaqView> {
    return this.applications.saq(id, principal, languages);
  }

  @Put(':id/saq/:criterion')
  @Roles('trader')
  @ApiOperation({ summary: 'Save one SAQ section as drafted (partial answers are kept); choose the MSME evidence route.' })
  @ApiOkResponse({ type: SaqView, description: 'the whole SAQ after the save' })
  saveSection(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('criterion') criterion: string,
    @Body() dto: SaveSectionDto,
    @CurrentPrincipal() principal: Principal,
    @AcceptedLanguages() languages: string[],
  ): Promise<SaqView> {
    return this.applications.saveSection(id, criterion, dto, principal, languages);
  }

  @Post(':id/transitions')
  @Roles('trader', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'Take a step of the life cycle: submit, accept, return_incomplete, plan_visit, record_visit, propose_grant, grant, reject, appeal...',
    description: 'workflow/application-lifecycle.ts says who may take which step from which stage; the refusal says why not (403 role, 409 stage or deadline, 400 input).',
  })
  @ApiCreatedResponse({ type: ApplicationView, description: 'the application after the step' })
  act(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ApplicationTransitionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.applications.act(id, dto, principal, req.correlationId);
  }

  @Post(':id/assign')
  @Roles('supervisor')
  @ApiOperation({ summary: 'A supervisor assigns the application to an officer.' })
  @ApiCreatedResponse({ type: ApplicationView })
  assign(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignDto, @CurrentPrincipal() principal: Principal, @Req() req: { correlationId?: string }) {
    return this.applications.assign(id, dto, principal, req.correlationId);
  }

  @Get(':id/history')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Every step of the application: actor, roles, time, reason, evidence. Append-only.' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  history(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.history(id, principal);
  }
}
