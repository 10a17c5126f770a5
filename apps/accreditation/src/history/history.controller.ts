import { Roles } from '@aeo/platform';
import { Controller, Get, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HistoryVerificationView } from './dto/history-verification.view';
import { verifyHistory } from './history-chain';

@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('verification')
  @Roles('auditor', 'supervisor')
  @ApiQuery({ name: 'operatorId', required: false, description: 'one operator\'s chain only' })
  @ApiOperation({ summary: 'Recomputes the hash chains of the history (one per operator): intact, or the first row that was edited, removed or inserted.' })
  @ApiOkResponse({ type: HistoryVerificationView })
  verify(@Query('operatorId', new ParseUUIDPipe({ optional: true })) operatorId?: string): Promise<HistoryVerificationView> {
    return verifyHistory(this.dataSource.manager, operatorId);
  }
}
