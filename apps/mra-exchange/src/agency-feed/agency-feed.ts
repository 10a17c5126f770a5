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
 * going by the cursor never skips one.
 */
@Injectable()
export class AgencyFeed {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** An authorisation's status changed: told when its holder is published. */
  async authorisationChanged(manager: EntityManager, authorisation: HolderAuthorisation, correlationId?: string): Promise<void> {
    const operator = await manager.findOneBy(HolderOperator, { operatorId: authorisation.operatorId });
    if (!operator?.legalName || !operator.publishInDirectory) return;
    await this.append(manager, operator, [authorisation], true, correlationId);
  }

  /** The holder gave or withdrew its consent to publication: its authorisations told as they are, or to be forgotten. */
  async publicationChanged(manager: EntityManager, operatorId: string, published: boolean, correlationId?: string): Promise<void> {
    const operator = await manager.findOneBy(HolderOperator, { operatorId });
    if (!operator?.legalName) return;
    const authorisations = await manager.find(HolderAuthorisation, { where: { operatorId }, order: { authorisedOn: 'ASC' } });
    if (!published) {
      // Only what agencies were told before is withdrawn.
      const told = await manager.exists(AgencyStatusChange, { where: { operatorId } });
      if (!told) return;
    }
    await this.append(manager, operator, authorisations, published, correlationId);
  }

  private async append(manager: EntityManager, operator: HolderOperator, authorisations: HolderAuthorisation[], published: boolean, correlationId?: string) {
    if (authorisations.length === 0) return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.agency-feed'))`);
    const [{ last }] = await manager.query(`SELECT coalesce(max(position), 0)::text AS last FROM agency_status_change`);
    const now = this.clock.now();
    const rows: AgencyStatusChange[] = authorisations.map((a, i) => ({
      position: String(BigInt(last) + BigInt(i + 1)),
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
