import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const AEO_TYPE_CODES = ['C', 'S', 'F'] as const;
export type AeoTypeCode = (typeof AEO_TYPE_CODES)[number];

/** The catalogue of border benefits an MRA can grant (DOMAIN.md). */
export const BENEFITS = ['lower-risk-score', 'fewer-examinations', 'priority-clearance', 'business-continuity'] as const;
export type Benefit = (typeof BENEFITS)[number];

export interface ArrangementParty {
  /** ISO 3166 alpha-2. */
  administration: string;
  /** This party's AEO types that the other parties recognise. */
  recognisedAeoTypes: AeoTypeCode[];
  /** The party's current ES256 public key (SPKI PEM) that verifies its records. */
  publicKeyPem: string;
  keyId: string;
  /** Keys the party used before a rotation: they still verify the records signed with them. */
  previousKeys?: { keyId: string; publicKeyPem: string; replacedOn: string }[];
  /** The party's confirmation of the arrangement; all parties confirmed, it is active. */
  confirmation?: { confirmedOn: string; reference: string; recordedBy: string } | null;
}

/** What may change in an arrangement in force, from a day on (DOMAIN.md: an MRA is amended, suspended, resumed). */
export const AMENDMENT_KINDS = ['drop-type', 'drop-party', 'suspend', 'resume'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/**
 * One amendment, in effect from `on`: a party's AEO type no longer recognised (`drop-type`), a
 * party leaving (`drop-party`), the whole arrangement suspended or resumed. The arrangement as it
 * stood before `on` still answers for the days before (arrangement-coverage.ts).
 */
export interface ArrangementAmendment {
  id: string;
  kind: AmendmentKind;
  /** The first day it applies (YYYY-MM-DD). */
  on: string;
  administration?: string;
  aeoType?: AeoTypeCode;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

/** A Mutual Recognition Arrangement: regional (SACU's five) or bilateral. */
@Entity({ name: 'arrangement' })
export class Arrangement {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('jsonb')
  parties: ArrangementParty[];

  @Column('jsonb')
  benefits: Benefit[];

  @Column('date', { name: 'effective_from' })
  effectiveFrom: string;

  @Column('date', { name: 'effective_to', nullable: true })
  effectiveTo: string | null;

  /** The amendments recorded, in the order of their days. */
  @Column('jsonb', { default: () => "'[]'" })
  amendments: ArrangementAmendment[];

  /** When the last party's confirmation was recorded; until then the arrangement covers nothing. */
  @Column('timestamptz', { name: 'activated_at', nullable: true })
  activatedAt: Date | null;

  /** When the exchange under it was opened: active and in effect, our AEOs sent and theirs asked for. */
  @Column('timestamptz', { name: 'opened_at', nullable: true })
  openedAt: Date | null;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
