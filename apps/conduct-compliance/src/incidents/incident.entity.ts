import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const INCIDENT_DECISIONS = ['measures-accepted', 'measures-insufficient'] as const;
export type IncidentDecision = (typeof INCIDENT_DECISIONS)[number];

/** An integrity or insider incident at an AEO, reported by the AEO or by customs, and customs' review of it. */
@Entity({ name: 'incident' })
@Index('incident_by_operator', ['operatorId', 'reportedAt'])
export class Incident {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  @Column('text')
  severity: Severity;

  @Column('date', { name: 'occurred_on' })
  occurredOn: string;

  @Column('text')
  description: string;

  @Column('text', { name: 'measures_taken' })
  measuresTaken: string;

  @Column('text', { name: 'reported_by' })
  reportedBy: string;

  /** "operator" when the AEO reported it, "customs" when customs did. */
  @Column('text', { name: 'reported_as' })
  reportedAs: 'operator' | 'customs';

  @Column('timestamptz', { name: 'reported_at' })
  reportedAt: Date;

  /** Null until reviewed; a later review (after new measures) replaces it, the history keeps all. */
  @Column('text', { name: 'decision', nullable: true })
  decision: IncidentDecision | null;

  @Column('jsonb', { default: [] })
  reviews: { decision: IncidentDecision; reason: string; by: string; at: string }[];

  /** When the rules first proposed a suspension for it: proposed once per incident. */
  @Column('timestamptz', { name: 'suspension_proposed_at', nullable: true })
  suspensionProposedAt: Date | null;
}
