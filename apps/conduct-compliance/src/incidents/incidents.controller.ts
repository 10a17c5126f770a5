import { Clock, CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { IncidentErrors } from '../conduct-compliance.errors';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IncidentView } from '../views/views';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { visibleOperator } from '../operators/access';
import { Incident, INCIDENT_DECISIONS, IncidentDecision, SEVERITIES, Severity } from './incident.entity';

class IncidentDto {
  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity: Severity;

  @ApiProperty({ example: '2027-01-12' })
  @IsISO8601({ strict: true })
  occurredOn: string;

  @ApiProperty({ example: 'a warehouse clerk passed seal numbers to an outsider' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;

  @ApiProperty({ example: 'clerk suspended; seals changed; police informed' })
  @IsString()
  @MaxLength(4000)
  measuresTaken: string;
}

class ReviewIncidentDto {
  @ApiProperty({ enum: INCIDENT_DECISIONS })
  @IsIn(INCIDENT_DECISIONS)
  decision: IncidentDecision;

  @ApiProperty({ example: 'measures address the cause; follow-up at the next monitoring visit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;
}

class IncidentQueryDto {
  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ enum: ['open', 'reviewed'], description: 'open: not reviewed, or measures found insufficient' })
  @IsOptional()
  @IsIn(['open', 'reviewed'])
  state?: 'open' | 'reviewed';
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller()
export class IncidentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  @Post('operators/:operatorId/incidents')
  @Roles('trader', 'officer', 'supervisor')
  @ApiOperation({ summary: 'The AEO, or customs, reports an integrity or insider incident with the measures taken.' })
  @ApiCreatedResponse({ type: IncidentView })
  report(
    @Param('operatorId', new ParseUUIDPipe()) operatorId: string,
    @Body() dto: IncidentDto,
    @CurrentPrincipal() by: Principal,
    @Req() req: { correlationId?: string },
  ) {
    if (dto.occurredOn > this.clock.now().toISOString().slice(0, 10)) throw IncidentErrors.invalid('the incident is invalid', ['occurredOn must not be in the future']);
    return this.dataSource.transaction(async (manager) => {
      const operator = await visibleOperator(manager, operatorId, by, true);
      const incident: Incident = {
        id: randomUUID(),
        operatorId,
        severity: dto.severity,
        occurredOn: dto.occurredOn,
        description: dto.description,
        measuresTaken: dto.measuresTaken,
        reportedBy: by.subject,
        reportedAs: operator.registeredBy === by.subject && by.roles.includes('trader') ? 'operator' : 'customs',
        reportedAt: this.clock.now(),
        decision: null,
        reviews: [],
        suspensionProposedAt: null,
      };
      await manager.insert(Incident, incident);
      await this.compliance.recompute(manager, operatorId, req.correlationId);
      return IncidentView.of(await manager.findOneByOrFail(Incident, { id: incident.id }));
    });
  }

  @Post('incidents/:id/review')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Customs reviews an incident: the measures are accepted, or found insufficient (with reasons).' })
  @ApiCreatedResponse({ type: IncidentView })
  review(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewIncidentDto,
    @CurrentPrincipal() by: Principal,
    @Req() req: { correlationId?: string },
  ) {
    return this.dataSource.transaction(async (manager) => {
      const incident = await manager.findOne(Incident, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!incident) throw IncidentErrors.notFound('no such incident');
      const reviews = [...incident.reviews, { decision: dto.decision, reason: dto.reason, by: by.subject, at: this.clock.now().toISOString() }];
      await manager.update(Incident, { id }, { decision: dto.decision, reviews });
      await this.compliance.recompute(manager, incident.operatorId, req.correlationId);
      return IncidentView.of(await manager.findOneByOrFail(Incident, { id }));
    });
  }

  @Get('operators/:operatorId/incidents')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "An operator's incidents with their reviews." })
  @ApiOkResponse({ type: [IncidentView] })
  async ofOperator(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal) {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return (await this.dataSource.manager.find(Incident, { where: { operatorId }, order: { reportedAt: 'ASC' } })).map(IncidentView.of);
  }

  @Get('incidents')
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Incidents of the administration to review: by severity, open or reviewed; most severe and oldest first.' })
  @ApiOkResponse({ type: [IncidentView] })
  async list(@Query() q: IncidentQueryDto) {
    const qb = this.dataSource.manager.createQueryBuilder(Incident, 'i');
    if (q.severity) qb.andWhere('i.severity = :severity', { severity: q.severity });
    if (q.state === 'open') qb.andWhere(`(i.decision IS NULL OR i.decision = 'measures-insufficient')`);
    if (q.state === 'reviewed') qb.andWhere(`i.decision = 'measures-accepted'`);
    qb.orderBy(`array_position(ARRAY['critical','high','medium','low'], i.severity)`).addOrderBy('i.reported_at', 'ASC').limit(500);
    return (await qb.getMany()).map(IncidentView.of);
  }
}
