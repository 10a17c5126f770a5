import { ApiProperty } from '@nestjs/swagger';
import type { Transition } from '../transition.entity';

/** One step of the history as the API shows it. */
export class HistoryEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'order of recording' }) position: string;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorisationId: string | null;
  @ApiProperty({ example: 'record_visit' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: 'visit_planned' }) fromState: string | null;
  @ApiProperty({ example: 'visit_recorded' }) toState: string;
  @ApiProperty({ example: 'officer-za' }) actor: string;
  @ApiProperty({ type: [String], example: ['officer'] }) roles: string[];
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'evidence and details of the step: attachment ids, findings, deadlines set', type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the operator\'s row before' }) prevHash: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of this row and prevHash' }) hash: string | null;

  static of(t: Transition): HistoryEntryView {
    return {
      id: t.id,
      position: t.position,
      operatorId: t.operatorId,
      applicationId: t.applicationId,
      authorisationId: t.authorisationId,
      action: t.action,
      fromState: t.fromState,
      toState: t.toState,
      actor: t.actor,
      roles: t.roles,
      reason: t.reason,
      details: t.details,
      at: t.at,
      prevHash: t.prevHash,
      hash: t.hash,
    };
  }
}
