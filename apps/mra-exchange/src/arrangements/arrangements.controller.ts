import { CurrentPrincipal, Principal, Public, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExchangeSigner } from '../signing/exchange-signer';
import { ArrangementsService } from './arrangements.service';
import { ArrangementView, SigningKeyView, SnapshotRequestView } from './dto/arrangement.view';
import {
  AmendArrangementDto,
  ArrangementAmendmentDto,
  ConfirmationDto,
  CreateArrangementDto,
  KeyRotationDto,
  SnapshotRequestDto,
} from './dto/create-arrangement.dto';

@ApiTags('arrangements')
@Controller()
export class ArrangementsController {
  constructor(
    private readonly arrangements: ArrangementsService,
    private readonly signer: ExchangeSigner,
  ) {}

  @Post('arrangements')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Record a Mutual Recognition Arrangement: parties, types recognised, benefits, keys.' })
  @ApiCreatedResponse({ type: ArrangementView })
  create(@Body() dto: CreateArrangementDto, @CurrentPrincipal() principal: Principal) {
    return this.arrangements.create(dto, principal);
  }

  @Post('arrangements/:id/confirmations')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: "Record a party's confirmation; the last one activates the arrangement and opens the exchange." })
  @ApiCreatedResponse({ type: ArrangementView })
  confirm(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmationDto, @CurrentPrincipal() principal: Principal) {
    return this.arrangements.confirm(id, dto, principal);
  }

  @Patch('arrangements/:id')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Amend the benefits or the dates of an arrangement (effectiveTo ends it).' })
  @ApiOkResponse({ type: ArrangementView })
  amend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AmendArrangementDto) {
    return this.arrangements.amend(id, dto);
  }

  @Post('arrangements/:id/amendments')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({
    summary:
      "Record an amendment from a day on: a party's AEO type or a party dropped, the arrangement suspended or resumed. Partners that lose coverage of this administration's AEOs are told; the days before keep the arrangement as it was.",
  })
  @ApiCreatedResponse({ type: ArrangementView })
  amendFrom(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ArrangementAmendmentDto, @CurrentPrincipal() principal: Principal) {
    return this.arrangements.recordAmendment(id, dto, principal);
  }

  @Post('arrangements/:id/keys')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: "Rotate a party's signing key; records signed with the old key still verify." })
  @ApiCreatedResponse({ type: ArrangementView })
  rotateKey(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: KeyRotationDto) {
    return this.arrangements.rotateKey(id, dto);
  }

  @Get('arrangements')
  @ApiBearerAuth()
  @Roles('supervisor', 'officer', 'auditor', 'partner', 'agency')
  @ApiOperation({ summary: 'The arrangements this administration is party to.' })
  @ApiOkResponse({ type: [ArrangementView] })
  list() {
    return this.arrangements.list();
  }

  @Post('snapshot-requests')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Ask a partner for a full snapshot of the AEOs it shares, to reconcile from.' })
  @ApiCreatedResponse({ type: SnapshotRequestView })
  requestSnapshot(@Body() dto: SnapshotRequestDto) {
    return this.arrangements.requestSnapshot(dto.issuer);
  }

  @Public()
  @Get('signing-key')
  @ApiOperation({ summary: "This administration's public key that verifies the records it sends partners." })
  @ApiOkResponse({ type: SigningKeyView })
  signingKey(): SigningKeyView {
    return this.signer.publicKey();
  }
}
