import { ApiProperty } from '@nestjs/swagger';

export class PartnerAeoCountView {
  @ApiProperty({ example: 'ZA', description: 'the issuing administration' }) issuer: string;
  @ApiProperty({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType: 'AEO-C' | 'AEO-S' | 'AEO-F';
  @ApiProperty({ enum: ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'] }) status: 'valid' | 'suspended' | 'revoked' | 'withdrawn' | 'expired';
  @ApiProperty({ description: 'partner AEOs whose latest record says so' }) n: number;
}

export class IssuerProgressView {
  @ApiProperty({ example: 'ZA' }) issuer: string;
  @ApiProperty({ description: 'the last record sequence received from that issuer' }) lastSequence: number;
  @ApiProperty({ description: 'sequences missing (a replay is asked for them)' }) missing: number;
}

/** What this registry holds of its partners' AEOs, and how far it is with each issuer. */
export class ExchangeFiguresView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [PartnerAeoCountView] }) partnerAeos: PartnerAeoCountView[];
  @ApiProperty({ description: "partner AEOs valid today, as the issuers' latest records say" }) partnerAeosValid: number;
  @ApiProperty({ description: "this administration's own AEOs shared with partners (consent given), valid" }) sharedAeosValid: number;
  @ApiProperty({ type: [IssuerProgressView] }) issuers: IssuerProgressView[];
}
