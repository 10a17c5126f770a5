import { Public } from '@aeo/platform';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DirectoryService } from './directory.service';
import { DirectoryEntryView } from './dto/directory-entry.view';
import { DirectoryQueryDto } from './dto/directory-query.dto';

/**
 * The public directory (EU practice): this administration's AEO holders who consented to
 * publication, with name, country, type and date. No token; rate-limited per client.
 */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Public()
  @Get()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Search AEO holders who consented to publication, by name and type.' })
  @ApiOkResponse({ type: [DirectoryEntryView] })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this client; try again in a minute' })
  search(@Query() query: DirectoryQueryDto): Promise<DirectoryEntryView[]> {
    return this.directory.search(query);
  }
}
