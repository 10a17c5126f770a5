import { Roles } from '@aeo/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { verifyHistory } from './history-chain';

@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('verification')
  @Roles('auditor', 'supervisor')
  @ApiOperation({ summary: 'Recomputes the hash chain of the whole history: intact, or the first row that was edited, removed or inserted.' })
  verify() {
    return verifyHistory(this.dataSource.manager);
  }
}
