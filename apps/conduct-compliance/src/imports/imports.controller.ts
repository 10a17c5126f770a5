import { CurrentPrincipal, ImportColumnView, importColumnViews, ImportQuery, importFileText, ImportReportView, ImportRunView, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PERSONNEL_COLUMNS } from './personnel-rows';
import { PersonnelImportsService } from './personnel-imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports/personnel')
export class PersonnelImportsController {
  constructor(private readonly imports: PersonnelImportsService) {}

  @Post()
  @HttpCode(200)
  @Roles('supervisor')
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'UTF-8 CSV with a header line; the columns are listed by GET /imports/personnel/columns', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Bring in the personnel registers of AEOs (people, sensitive positions, the training last taken), the operators imported first: a dry run reports every problem (line, column, why); a real run is all or nothing, and the same file twice changes nothing.',
  })
  @ApiOkResponse({ type: ImportReportView })
  @ApiUnprocessableEntityResponse({ description: 'a real run of a file with problems: nothing written; the problem answer carries the report' })
  importPersonnel(@Body() body: unknown, @Query() query: ImportQuery, @CurrentPrincipal() principal: Principal, @Req() req: { correlationId?: string }) {
    return this.imports.importPersonnel(importFileText(body), query, principal, req.correlationId);
  }

  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'The personnel files imported, newest first: name, SHA-256, rows, who and when.' })
  @ApiOkResponse({ type: [ImportRunView] })
  runs() {
    return this.imports.runs();
  }

  @Get('columns')
  @Roles('supervisor', 'officer', 'auditor')
  @ApiOperation({ summary: 'The columns of a personnel file: name, required, what it holds, an example.' })
  @ApiOkResponse({ type: [ImportColumnView] })
  columns(): ImportColumnView[] {
    return importColumnViews(PERSONNEL_COLUMNS);
  }
}
