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
  @ApiProperty({ description: "the size of that issuer's log checked here: the largest signed checkpoint found to match the entries received" }) verifiedLogSize: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when a checkpoint of that issuer was last found right' }) verifiedAt: string | null;
}

/** A fault found in a partner issuer's log, with what proves it kept in the database. */
export class LogAlertView {
  @ApiProperty({ example: 'ZA' }) issuer: string;
  @ApiProperty({ enum: ['inconsistent', 'conflict', 'equivocation'], description: "inconsistent: a checkpoint does not match the entries the issuer sent here; conflict: two entries or checkpoints for one number; equivocation: another partner was shown another log" }) kind: string;
  @ApiProperty() detail: string;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
}

/** What this registry holds of its partners' AEOs, and how far it is with each issuer. */
export class ExchangeFiguresView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [PartnerAeoCountView] }) partnerAeos: PartnerAeoCountView[];
  @ApiProperty({ description: "partner AEOs valid today, as the issuers' latest records say" }) partnerAeosValid: number;
  @ApiProperty({ description: "this administration's own AEOs shared with partners (consent given), valid" }) sharedAeosValid: number;
  @ApiProperty({ type: [IssuerProgressView] }) issuers: IssuerProgressView[];
  @ApiProperty({ type: [LogAlertView], description: "faults found in partner issuers' logs, newest first (at most 50)" }) logAlerts: LogAlertView[];
}
