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

/** The exchange with one partner, both ways: what went out on our channel to it, what came from it. */
export class PartnerHealthView {
  @ApiProperty({ example: 'BW' }) partner: string;
  @ApiProperty({ description: 'messages written for its channel and not yet published to the broker' }) unsent: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when a message last went out on our channel to it (within the outbox retention)' }) lastSentAt: string | null;
  @ApiProperty({ description: "the last number of its sequence received here (0: none)" }) lastReceived: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when its last record was received' }) lastReceivedAt: string | null;
  @ApiProperty({ description: 'numbers of its sequence still missing (a replay is asked)' }) openGaps: number;
  @ApiProperty({ description: 'the size of its log checked here' }) verifiedLogSize: number;
  @ApiProperty({ nullable: true, type: Number, description: 'seconds since a checkpoint of its log was last found right' }) checkpointAgeSeconds: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'dead letters not yet handled of what it sent, by kind of reason' }) deadLetters: Record<string, number>;
}

/** What this registry holds of its partners' AEOs, and how far it is with each issuer. */
export class ExchangeFiguresView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [PartnerAeoCountView] }) partnerAeos: PartnerAeoCountView[];
  @ApiProperty({ description: "partner AEOs valid today, as the issuers' latest records say" }) partnerAeosValid: number;
  @ApiProperty({ description: "this administration's own AEOs shared with partners (consent given), valid" }) sharedAeosValid: number;
  @ApiProperty({ type: [IssuerProgressView] }) issuers: IssuerProgressView[];
  @ApiProperty({ type: [LogAlertView], description: "faults found in partner issuers' logs, newest first (at most 50)" }) logAlerts: LogAlertView[];
  @ApiProperty({ type: [PartnerHealthView], description: 'the exchange with each member of the federation, both ways' }) partners: PartnerHealthView[];
}
