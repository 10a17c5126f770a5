import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When an application of this administration was accepted and decided (from accreditation's stage events): the time to decision. */
@Entity({ name: 'application_decision' })
export class ApplicationDecision {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}

/** The latest figures an MRA partner shared, as signed by it. */
@Entity({ name: 'partner_figures' })
export class PartnerFigures {
  @PrimaryColumn('char', { length: 2 })
  administration: string;

  @Column('jsonb')
  figures: Record<string, unknown>;

  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;

  /** The exact bytes signed, and the signature, to check again. */
  @Column('bytea')
  signed: Buffer;

  @Column('bytea')
  signature: Buffer;

  @Column('text', { name: 'key_id' })
  keyId: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;
}
