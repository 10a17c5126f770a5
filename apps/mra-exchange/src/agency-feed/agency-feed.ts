import { AgencyStatusChangedSchema, Events, OperatorIdentifierSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock } from '@aeo/platform';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AEO_TYPE_TO_WIRE, STATUS_TO_WIRE } from '../exchange/aeo-codes';
import { HolderAuthorisation, HolderOperator } from '../outbound/holder.entities';
import { AgencyStatusChange } from './agency-status-change.entity';

/**
 * What other agencies of this administration are told: every status change of an AEO whose holder
 * consented to publication (the public directory's consent: agencies learn what the public may, and
 * also when it stops being so), appended to the feed and to the agency topic in the caller's
 * transaction. Positions are taken under a transaction lock, so they commit in order and a reader
 * going by the cursor never skips one. When a holder withdraws publication, its earlier entries are
 * removed from the feed and one entry per authorisation (no name, no identifiers, published false)
 * tells the agencies to forget it; on Kafka, the topic's retention ends the earlier messages.
 */
@Injectable()
export class AgencyFeed {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** An authorisation's status changed: told when its holder is published. */
  async authorisationChanged(manager: EntityManager, authorisation: HolderAuthorisation, correlationId?: string, holder?: HolderOperator | null): Promise<void> {
    const operator = holder !== undefined ? holder : await manager.findOneBy(HolderOperator, { operatorId: authorisation.operatorId });
    if (!operator?.legalName || !operator.publishInDirectory) return;
    await this.append(manager, operator, [authorisation], true, correlationId);
  }

  /** The holder gave or withdrew its consent to publication: its authorisations told as they are, or to be forgotten. */
  async publicationChanged(manager: EntityManager, operatorId: string, published: boolean, correlationId?: string): Promise<void> {
    const operator = await manager.findOneBy(HolderOperator, { operatorId });
    if (!operator?.legalName) return;
    const authorisations = await manager.find(HolderAuthorisation, { where: { operatorId }, order: { authorisedOn: 'ASC' } });
    if (!published) {
      // Only what agencies were told before is withdrawn; and what they were told is no longer served:
      // an agency reading the feed from the start later learns nothing of the holder but that it is gone.
      const told = await manager.exists(AgencyStatusChange, { where: { operatorId } });
      if (!told) return;
      await manager.delete(AgencyStatusChange, { operatorId });
      await this.append(manager, { ...operator, legalName: '', identifiers: [] }, authorisations, false, correlationId);
      return;
    }
    await this.append(manager, operator, authorisations, published, correlationId);
  }

  private async append(manager: EntityManager, operator: HolderOperator, authorisations: HolderAuthorisation[], published: boolean, correlationId?: string) {
    if (authorisations.length === 0) return;
    // The lock is held until commit: positions drawn under it commit in their order (a rolled-back one is a gap).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.agency-feed'))`);
    const positions: { p: string }[] = await manager.query(`SELECT nextval('agency_feed_position')::text AS p FROM generate_series(1, $1)`, [authorisations.length]);
    const now = this.clock.now();
    const rows: AgencyStatusChange[] = authorisations.map((a, i) => ({
      position: positions[i].p,
      operatorId: operator.operatorId,
      operatorName: operator.legalName,
      identifiers: operator.identifiers,
      authorisationId: a.authorisationId,
      certificateNumber: a.certificateNumber,
      aeoType: a.aeoType,
      status: a.status,
      statusSince: a.statusSince,
      validTo: a.validTo,
      published,
      changedAt: now,
    }));
    await manager.insert(AgencyStatusChange, rows);
    await this.outbox.appendMany(
      manager,
      Events.agencyStatusChanged,
      rows.map((r) => ({ aggregateId: r.operatorId, correlationId, occurredAt: now, message: agencyMessage(r) })),
    );
  }
}

/** An entry as the agency topic carries it. */
export function agencyMessage(r: AgencyStatusChange) {
  return create(AgencyStatusChangedSchema, {
    position: BigInt(r.position),
    operatorId: r.operatorId,
    operatorName: r.operatorName,
    identifiers: r.identifiers.map((i) => create(OperatorIdentifierSchema, i)),
    certificateNumber: r.certificateNumber,
    aeoType: AEO_TYPE_TO_WIRE[r.aeoType],
    status: STATUS_TO_WIRE[r.status],
    statusSince: timestampFromDate(r.statusSince),
    validTo: timestampFromDate(r.validTo),
    published: r.published,
    changedAt: timestampFromDate(r.changedAt),
  });
}
