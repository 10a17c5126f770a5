import { Roles } from '@aeo/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplianceFiguresView } from '../views/views';
import { FiguresService } from './figures.service';

/** Conduct figures for the console: coverage, overdue declarations, open incidents by severity, statuses. */
@ApiTags('figures')
@ApiBearerAuth()
@Controller('figures')
export class FiguresController {
  constructor(private readonly figuresService: FiguresService) {}

  @Get()
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Training coverage (AEOs and customs staff), overdue declarations, open incidents by severity, compliance statuses.' })
  @ApiOkResponse({ type: ComplianceFiguresView })
  figures(): Promise<ComplianceFiguresView> {
    return this.figuresService.figures();
  }
}
