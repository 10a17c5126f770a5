import { Roles } from '@aeo/platform';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { SupplierAnswerView, SupplierCheckDto } from './dto/supplier-check.dto';
import { SupplierChecksService } from './supplier-checks.service';

@ApiTags('supplier checks')
@ApiBearerAuth()
@Controller('supplier-checks')
export class SupplierChecksController {
  constructor(private readonly checks: SupplierChecksService) {}

  @Post()
  @HttpCode(200)
  @Roles('trader', 'agency', 'officer', 'supervisor', 'auditor')
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary:
      "Are my business partners AEOs? Each, by the administration that would have granted the status and an identifier: an AEO of this administration or a partner's AEO recognised here, among holders that consented to publication, with the directory's facts.",
  })
  @ApiOkResponse({ type: [SupplierAnswerView], description: 'one answer per supplier, in the order asked' })
  @ApiTooManyRequestsResponse({ description: 'Too many checks from this client; try again in a minute' })
  check(@Body() dto: SupplierCheckDto): Promise<SupplierAnswerView[]> {
    return this.checks.check(dto.suppliers);
  }
}
