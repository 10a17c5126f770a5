import { Roles } from '@aeo/platform';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegionalView, SharedFiguresView } from './dto/regional-figures.view';
import { RegionalFiguresService } from './regional-figures.service';

@ApiTags('regional figures')
@ApiBearerAuth()
@Controller('regional-figures')
export class RegionalFiguresController {
  constructor(private readonly figures: RegionalFiguresService) {}

  @Get()
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "This administration's aggregate figures now, beside the latest each MRA partner shared (signed with its MRA key)." })
  @ApiOkResponse({ type: RegionalView })
  regional() {
    return this.figures.regional();
  }

  @Post('share')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: "Sign this administration's aggregate figures and send them to every MRA partner now (they also go on a schedule)." })
  @ApiOkResponse({ type: SharedFiguresView })
  share() {
    return this.figures.share();
  }
}
