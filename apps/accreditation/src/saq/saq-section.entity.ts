import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvidenceRoute } from './questionnaire';

/** The trader's answers to one SAQ section (one SAFE criterion) of an application; saved as drafted. */
@Entity({ name: 'saq_section' })
export class SaqSection {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId: string;

  @PrimaryColumn('text')
  criterion: string;

  /** Question id to answer. */
  @Column('jsonb', { default: {} })
  answers: Record<string, string>;

  /** Standard evidence, or the proportionate MSME route (micro, small and medium operators only). */
  @Column('text', { name: 'evidence_route', default: 'standard' })
  evidenceRoute: EvidenceRoute;

  @Column('text', { name: 'updated_by' })
  updatedBy: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
