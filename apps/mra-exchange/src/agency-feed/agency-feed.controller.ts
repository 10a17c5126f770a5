import { Roles } from '@aeo/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, MoreThan } from 'typeorm';
import { AgencyStatusChange } from './agency-status-change.entity';
import { AgencyFeedPageView, AgencyFeedQuery } from './dto/agency-feed.dto';

@ApiTags('agency feed')
@ApiBearerAuth()
@Controller('agency-feed')
export class AgencyFeedController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('changes')
  @Roles('agency', 'supervisor', 'auditor')
  @ApiOperation({
    summary:
      "Other agencies: the status changes of this administration's AEOs whose holders consented to publication, after a position (a cursor); the same as the agency topic on Kafka.",
  })
  @ApiOkResponse({ type: AgencyFeedPageView })
  async changes(@Query() query: AgencyFeedQuery): Promise<AgencyFeedPageView> {
    const after = String(query.after ?? 0);
    const limit = query.limit ?? 100;
    const rows = await this.dataSource.getRepository(AgencyStatusChange).find({
      where: { position: MoreThan(after) },
      order: { position: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        position: r.position,
        operatorId: r.operatorId,
        operatorName: r.operatorName,
        identifiers: r.identifiers,
        certificateNumber: r.certificateNumber,
        aeoType: `AEO-${r.aeoType}` as const,
        status: r.status,
        statusSince: r.statusSince.toISOString(),
        validTo: r.validTo.toISOString(),
        published: r.published,
        changedAt: r.changedAt.toISOString(),
      })),
      next: page.length ? page[page.length - 1].position : after,
      more: rows.length > limit,
    };
  }
}
