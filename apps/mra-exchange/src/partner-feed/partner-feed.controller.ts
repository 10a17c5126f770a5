import { CurrentPrincipal, Principal, Public, Roles } from '@aeo/platform';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BatchDateParams, BatchImportView, ConsistencyProofView, ConsistencyQueryDto, FeedPageView, FeedQueryDto } from './dto/partner-feed.view';
import { PartnerAssertionGuard, PartnerRequest } from './partner-assertion.guard';
import { PartnerFeedService } from './partner-feed.service';

/**
 * For partner administrations that do not run this registry: read this issuer's records over
 * HTTPS, signing in with their MRA key (PartnerAssertionGuard), not with a user of ours.
 */
@ApiTags('partner feed')
@ApiBearerAuth('partner-assertion')
@Controller('partner-feed')
@Public()
@UseGuards(PartnerAssertionGuard)
export class PartnerFeedController {
  constructor(private readonly feed: PartnerFeedService) {}

  @Get('records')
  @ApiOperation({
    summary:
      "This issuer's sequence after a cursor: each record addressed to the partner as a signed JWS, the others withheld. Authorization: Bearer <JWT signed ES256 with the partner's MRA key; iss its code, aud this administration, exp within 10 minutes>.",
  })
  @ApiOkResponse({ type: FeedPageView })
  records(@Query() query: FeedQueryDto, @Req() request: PartnerRequest) {
    return this.feed.page(request.partner!, query.after, query.limit);
  }

  @Get('consistency')
  @ApiOperation({
    summary:
      "Proof that this issuer's log at `to` extends the log at `from` (RFC 9162 consistency proof), with the signed checkpoint at `to`: a partner that keeps only the last checkpoint it checked sees that the issuer rewrote nothing.",
  })
  @ApiOkResponse({ type: ConsistencyProofView })
  consistency(@Query() query: ConsistencyQueryDto) {
    return this.feed.consistency(query.from, query.to);
  }

  @Get('batches/:date')
  @Header('Content-Type', 'application/jose')
  @ApiProduces('application/jose')
  @ApiOperation({ summary: "The day's batch file for the partner: the entries issued that UTC day, the whole signed as one compact JWS (typ aeo-batch+jwt)." })
  @ApiOkResponse({ description: 'A compact JWS', schema: { type: 'string' } })
  batch(@Param() params: BatchDateParams, @Req() request: PartnerRequest) {
    return this.feed.batch(request.partner!, params.date);
  }
}

/** A partner's batch file, taken in by a supervisor (the partner sent it by its own means). */
@ApiTags('partner feed')
@ApiBearerAuth()
@Controller('partner-batches')
export class PartnerBatchesController {
  constructor(private readonly feed: PartnerFeedService) {}

  @Post()
  @HttpCode(200)
  @Roles('supervisor')
  @ApiConsumes('application/jose')
  @ApiBody({ description: "The partner's batch file: a compact JWS (typ aeo-batch+jwt) signed with its MRA key", schema: { type: 'string' } })
  @ApiOperation({ summary: "Take in a partner's batch file: verified with the partner's MRA key, all or nothing, the same file twice changes nothing." })
  @ApiOkResponse({ type: BatchImportView })
  importBatch(@Body() file: string, @CurrentPrincipal() principal: Principal) {
    return this.feed.importBatch(typeof file === 'string' ? file : '', principal.subject);
  }
}
