import { CurrentPrincipal, Principal, Public, Roles, SERVICE_CONFIG } from '@aeo/platform';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createPublicKey } from 'node:crypto';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { RECORD_SIGNATURE_ALGORITHM } from '../signing/record-signature';
import { ArrangementsService } from './arrangements.service';
import {
  AmendArrangementDto,
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
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  @Post('arrangements')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Record a Mutual Recognition Arrangement: parties, types recognised, benefits, keys.' })
  create(@Body() dto: CreateArrangementDto, @CurrentPrincipal() principal: Principal) {
    return this.arrangements.create(dto, principal);
  }

  @Post('arrangements/:id/confirmations')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: "Record a party's confirmation; the last one activates the arrangement and opens the exchange." })
  confirm(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmationDto, @CurrentPrincipal() principal: Principal) {
    return this.arrangements.confirm(id, dto, principal);
  }

  @Patch('arrangements/:id')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Amend the benefits or the dates of an arrangement (effectiveTo ends it).' })
  amend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AmendArrangementDto) {
    return this.arrangements.amend(id, dto);
  }

  @Post('arrangements/:id/keys')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: "Rotate a party's signing key; records signed with the old key still verify." })
  rotateKey(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: KeyRotationDto) {
    return this.arrangements.rotateKey(id, dto);
  }

  @Get('arrangements')
  @ApiBearerAuth()
  @Roles('supervisor', 'officer', 'auditor', 'partner', 'agency')
  @ApiOperation({ summary: 'The arrangements this administration is party to.' })
  list() {
    return this.arrangements.list();
  }

  @Post('snapshot-requests')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Ask a partner for a full snapshot of the AEOs it shares, to reconcile from.' })
  requestSnapshot(@Body() dto: SnapshotRequestDto) {
    return this.arrangements.requestSnapshot(dto.issuer);
  }

  @Public()
  @Get('signing-key')
  @ApiOperation({ summary: "This administration's public key that verifies the records it sends partners." })
  signingKey() {
    const publicKey = createPublicKey(this.config.MRA_SIGNING_KEY).export({ type: 'spki', format: 'pem' }).toString();
    return {
      administration: this.config.ADMINISTRATION,
      keyId: this.config.signingKeyId,
      algorithm: RECORD_SIGNATURE_ALGORITHM,
      publicKey,
    };
  }
}
