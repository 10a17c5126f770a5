import { Roles } from '@aeo/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExchangeFiguresService } from './figures.service';
import { ExchangeFiguresView } from './figures.view';

@ApiTags('figures')
@ApiBearerAuth()
@Controller('figures')
export class ExchangeFiguresController {
  constructor(private readonly figures: ExchangeFiguresService) {}

  @Get()
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Partner AEOs held here by issuer, type and status; own AEOs shared; how far each issuer has been received.' })
  @ApiOkResponse({ type: ExchangeFiguresView })
  get(): Promise<ExchangeFiguresView> {
    return this.figures.figures();
  }
}
