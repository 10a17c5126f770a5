import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AEO_TYPE_CODES, AeoTypeCode, AMENDMENT_KINDS, AmendmentKind, Arrangement, Benefit, BENEFITS } from '../arrangement.entity';
import { arrangementOn } from '../arrangement-coverage';

export const ARRANGEMENT_STATUSES = ['awaiting-confirmation', 'awaiting-effect', 'active'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

export class PreviousKeyView {
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKey: string;
  @ApiProperty({ format: 'date-time' }) replacedOn: string;
}

export class ConfirmationView {
  @ApiProperty({ format: 'date' }) confirmedOn: string;
  @ApiProperty({ example: 'note ZA/MRA/7' }) reference: string;
  @ApiProperty() recordedBy: string;
}

export class ArrangementPartyView {
  @ApiProperty({ example: 'ZA' }) administration: string;
  @ApiProperty({ enum: AEO_TYPE_CODES, isArray: true, description: "this party's AEO types the other parties recognise" })
  recognisedAeoTypes: AeoTypeCode[];
  @ApiProperty({ description: "the party's current ES256 public key, SPKI PEM" }) publicKey: string;
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
  @ApiProperty({ type: [PreviousKeyView], description: 'keys before a rotation: they still verify what they signed' })
  previousKeys: PreviousKeyView[];
  @ApiProperty({ type: ConfirmationView, nullable: true }) confirmation: ConfirmationView | null;
}

/** A Mutual Recognition Arrangement as the API shows it. */
export class ArrangementAmendmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AMENDMENT_KINDS }) kind: AmendmentKind;
  @ApiProperty({ format: 'date' }) on: string;
  @ApiPropertyOptional({ example: 'ZA' }) administration?: string;
  @ApiPropertyOptional({ enum: ['C', 'S', 'F'] }) aeoType?: 'C' | 'S' | 'F';
  @ApiProperty() reason: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ArrangementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SACU regional AEO MRA' }) name: string;
  @ApiProperty({ type: [ArrangementPartyView] }) parties: ArrangementPartyView[];
  @ApiProperty({ enum: BENEFITS, isArray: true }) benefits: Benefit[];
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveTo: string | null;
  @ApiProperty({ type: Date, nullable: true, description: "when the last party's confirmation was recorded" }) activatedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'when the exchange under it opened' }) openedAt: Date | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ enum: ARRANGEMENT_STATUSES }) status: ArrangementStatus;
  @ApiProperty({ type: [String], description: 'the parties whose confirmation is not on record yet' }) awaiting: string[];
  @ApiProperty({ type: [ArrangementAmendmentView], description: 'amendments, in the order of their days' }) amendments: ArrangementAmendmentView[];
  @ApiProperty({ description: 'suspended today (an amendment)' }) suspended: boolean;

  static of(a: Arrangement): ArrangementView {
    return {
      id: a.id,
      name: a.name,
      parties: a.parties.map((p) => ({
        administration: p.administration,
        recognisedAeoTypes: p.recognisedAeoTypes,
        publicKey: p.publicKeyPem,
        keyId: p.keyId,
        previousKeys: (p.previousKeys ?? []).map((k) => ({ keyId: k.keyId, publicKey: k.publicKeyPem, replacedOn: k.replacedOn })),
        confirmation: p.confirmation ?? null,
      })),
      benefits: a.benefits,
      effectiveFrom: a.effectiveFrom,
      effectiveTo: a.effectiveTo,
      activatedAt: a.activatedAt,
      openedAt: a.openedAt,
      createdBy: a.createdBy,
      createdAt: a.createdAt,
      status: !a.activatedAt ? 'awaiting-confirmation' : a.openedAt ? 'active' : 'awaiting-effect',
      awaiting: a.parties.filter((p) => !p.confirmation).map((p) => p.administration),
      amendments: (a.amendments ?? []).map((m) => ({ ...m })),
      suspended: arrangementOn(a, new Date().toISOString().slice(0, 10)).suspended,
    };
  }
}

export class SnapshotRequestView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'BW', description: 'the partner asked' }) issuer: string;
}

export class SigningKeyView {
  @ApiProperty({ example: 'ZA' }) administration: string;
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
  @ApiProperty({ enum: ['ES256'] }) algorithm: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKey: string;
}
