import { Roles } from '@aeo/platform';
import { Controller, Get, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { HistoryVerificationView } from './dto/history-verification.view';
import { HistoryService } from './history.service';

@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('verification')
  @Roles('auditor', 'supervisor')
  @ApiQuery({ name: 'operatorId', required: false, description: 'one operator\'s chain only' })
  @ApiOperation({ summary: 'Recomputes the hash chains of the history (one per operator): intact, or the first row that was edited, removed or inserted.' })
  @ApiOkResponse({ type: HistoryVerificationView })
  verify(@Query('operatorId', new ParseUUIDPipe({ optional: true })) operatorId?: string): Promise<HistoryVerificationView> {
    return this.history.verify(operatorId);
  }
}
