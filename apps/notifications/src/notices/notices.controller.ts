import { CurrentPrincipal, Principal, Roles, ROLES } from '@aeo/platform';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveriesQueryDto, NoticesQueryDto } from './dto/notice.dto';
import { DeliveriesPage, DeliveryView, MarkedView, NoticesPage, NoticeView } from './dto/notice.view';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get('notices')
  @Roles(...ROLES)
  @ApiOperation({ summary: "One's notices, newest first: what happened, what to do and by when, and where in the console." })
  @ApiOkResponse({ type: NoticesPage })
  mine(@Query() q: NoticesQueryDto, @CurrentPrincipal() by: Principal): Promise<NoticesPage> {
    return this.notices.mine(by, q);
  }

  @Post('notices/:id/read')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Marks one of one’s notices read.' })
  @ApiOkResponse({ type: NoticeView })
  read(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() by: Principal): Promise<NoticeView> {
    return this.notices.markRead(id, by);
  }

  @Post('notices/read')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Marks all of one’s notices read.' })
  @ApiOkResponse({ type: MarkedView })
  readAll(@CurrentPrincipal() by: Principal): Promise<MarkedView> {
    return this.notices.markAllRead(by);
  }

  @Get('deliveries')
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Staff: notices whose e-mail was refused, bounced or given up (or of the status asked).' })
  @ApiOkResponse({ type: DeliveriesPage })
  deliveries(@Query() q: DeliveriesQueryDto): Promise<DeliveriesPage> {
    return this.notices.deliveries(q);
  }

  @Post('deliveries/:id/retry')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: "A supervisor sends a notice's e-mail again, to the address the person's sign-in now gives." })
  @ApiOkResponse({ type: DeliveryView })
  retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeliveryView> {
    return this.notices.retry(id);
  }
}
