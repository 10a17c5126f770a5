import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IncidentView } from '../views/views';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { INCIDENT_DECISIONS, IncidentDecision, SEVERITIES, Severity } from './incident.entity';
import { IncidentsService } from './incidents.service';

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
  constructor(private readonly incidents: IncidentsService) {}

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
    return this.incidents.report(operatorId, dto, by, req.correlationId);
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
    return this.incidents.review(id, dto, by, req.correlationId);
  }

  @Get('operators/:operatorId/incidents')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "An operator's incidents with their reviews." })
  @ApiOkResponse({ type: [IncidentView] })
  ofOperator(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal) {
    return this.incidents.ofOperator(operatorId, by);
  }

  @Get('incidents')
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Incidents of the administration to review: by severity, open or reviewed; most severe and oldest first.' })
  @ApiOkResponse({ type: [IncidentView] })
  list(@Query() q: IncidentQueryDto) {
    return this.incidents.list(q);
  }
}
