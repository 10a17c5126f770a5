import { Clock, CurrentPrincipal, Principal, Public, Roles } from '@aeo/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CredentialErrors } from '../accreditation.errors';
import { contextUrl } from './aeo-credential';
import { CredentialsService } from './credentials.service';
import { CredentialView, JwksView, VerificationView, VerifyCredentialDto } from './dto/credential.view';
import { STATUS_PURPOSES, StatusPurpose } from './status-list';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly clock: Clock,
  ) {}

  @Get('authorisations/:id/credential')
  @ApiBearerAuth()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "The holder's AEO credential (W3C Verifiable Credential, vc+jwt) of an authorisation in force or suspended (409 otherwise)." })
  @ApiOkResponse({ type: CredentialView })
  async credential(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() by: Principal): Promise<CredentialView> {
    return CredentialView.of(await this.credentials.ofAuthorisation(id, by));
  }

  @Public()
  @Post('credentials/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anyone: is this AEO credential valid, suspended, revoked, expired or forged, and why (this administration’s or a trusted partner issuer’s).' })
  @ApiOkResponse({ type: VerificationView })
  async verify(@Body() dto: VerifyCredentialDto): Promise<VerificationView> {
    return VerificationView.of(await this.credentials.verify(dto.credential), this.clock.now());
  }

  @Public()
  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'The public keys of this administration’s credentials (the current and those retired whose credentials still verify).' })
  @ApiOkResponse({ type: JwksView })
  jwks(@Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=300');
    return this.credentials.jwks();
  }

  @Public()
  @Get('credentials/status/:purpose')
  @ApiParam({ name: 'purpose', enum: STATUS_PURPOSES })
  @ApiProduces('application/vc+jwt')
  @ApiOperation({ summary: 'A Bitstring Status List credential (revocation or suspension), signed; revalidate with If-None-Match on each use.' })
  @ApiOkResponse({ description: 'the status list credential, a compact JWS (vc+jwt)', schema: { type: 'string' } })
  async statusList(@Param('purpose') purpose: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response) {
    if (!(STATUS_PURPOSES as readonly string[]).includes(purpose)) throw CredentialErrors.invalid(`purpose must be one of ${STATUS_PURPOSES.join(', ')}`);
    const list = await this.credentials.statusList(purpose as StatusPurpose);
    res.setHeader('ETag', list.etag);
    // Cacheable, but revalidated on each use: a revocation takes effect at once.
    res.setHeader('Cache-Control', 'public, no-cache');
    if (ifNoneMatch === list.etag) return res.status(304).end();
    res.type('application/vc+jwt').send(list.jwt);
  }

  @Public()
  @Get('credentials/context/v1')
  @ApiOperation({ summary: 'The JSON-LD context of the AEO credential’s terms.' })
  @ApiOkResponse({ description: 'a JSON-LD context document', schema: { type: 'object', properties: { '@context': { type: 'object', additionalProperties: true } } } })
  context(@Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/ld+json');
    const vocab = `${contextUrl(this.credentials.issuer ?? '')}#`;
    return { '@context': { '@protected': true, '@vocab': vocab, AEOCertificateCredential: `${vocab}AEOCertificateCredential`, AuthorisedEconomicOperator: `${vocab}AuthorisedEconomicOperator` } };
  }
}
