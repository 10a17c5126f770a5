import { Roles } from '@aeo/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccreditationFiguresView } from './dto/figures.view';
import { FiguresService } from './figures.service';

/** The administration's figures (DOMAIN.md, "Figures an administration watches"), as JSON for the console. */
@ApiTags('figures')
@ApiBearerAuth()
@Controller('figures')
export class FiguresController {
  constructor(private readonly figuresService: FiguresService) {}

  @Get()
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Counts per stage, time from acceptance to decision (pauses apart), backlog, MSME share, deadlines at risk, AEOs.' })
  @ApiOkResponse({ type: AccreditationFiguresView })
  figures(): Promise<AccreditationFiguresView> {
    return this.figuresService.figures();
  }
}
