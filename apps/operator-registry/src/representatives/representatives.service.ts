import { Events, RepresentationChangedSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, isStaff, mandateCovers, Principal, REPRESENTATION_ACTS, RepresentationAct } from '@aeo/platform';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OperatorErrors } from '../operator-registry.errors';
import { Operator } from '../operators/operator.entity';
import { AuthoriseRepresentativeDto, RepresentativeView } from './dto/representative.dto';
import { Representation } from './representation.entity';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const DAY_MS = 86_400_000;

/**
 * The holder's representatives: it authorises a user of the registry for named acts, from a day
 * and until a day or until it revokes the mandate; each change is told to the other services
 * (RepresentationChanged), which let the representative act within it. Only the holder (the
 * trader who registered the operator) gives and revokes mandates; staff read them.
 */
@Injectable()
export class RepresentativesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async authorise(operatorId: string, dto: AuthoriseRepresentativeDto, by: Principal, correlationId?: string): Promise<RepresentativeView> {
    const now = this.clock.now();
    const validFrom = dto.validFrom ? day(dto.validFrom) : now;
    // The last day given is included: the mandate ends at the end of it.
    const validTo = dto.validTo ? new Date(day(dto.validTo).getTime() + DAY_MS) : null;
    const problems: string[] = [];
    if (dto.representative === by.subject) problems.push('representative: the holder does not represent itself');
    if (validTo && validTo <= validFrom) problems.push('validTo must not be before validFrom');
    if (validTo && validTo <= now) problems.push('validTo is past: the mandate would never be in force');
    if (problems.length) throw OperatorErrors.invalidRepresentation('the mandate is invalid', problems);
    return this.dataSource.transaction(async (manager) => {
      await this.holderOf(manager, operatorId, by);
      const row: Representation = {
        id: randomUUID(),
        operatorId,
        representative: dto.representative,
        acts: [...new Set(['read', ...dto.acts])],
        validFrom,
        validTo,
        grantedBy: by.subject,
        grantedAt: now,
        revokedAt: null,
        revokedBy: null,
      };
      await manager.insert(Representation, row);
      await this.tell(manager, row, correlationId);
      return viewOf(row, now);
    });
  }

  async revoke(operatorId: string, id: string, by: Principal, correlationId?: string): Promise<RepresentativeView> {
    return this.dataSource.transaction(async (manager) => {
      await this.holderOf(manager, operatorId, by);
      const row = await manager.findOne(Representation, { where: { id, operatorId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw OperatorErrors.notFound('no such mandate of this operator');
      if (row.revokedAt) throw OperatorErrors.alreadyRevoked(`this mandate was revoked on ${row.revokedAt.toISOString()}`);
      const now = this.clock.now();
      const revoked = { ...row, revokedAt: now, revokedBy: by.subject };
      await manager.update(Representation, { id }, { revokedAt: now, revokedBy: by.subject });
      await this.tell(manager, revoked, correlationId);
      return viewOf(revoked, now);
    });
  }

  /** The operator's mandates, newest first: for its holder and staff; a representative sees its own. */
  async list(operatorId: string, by: Principal): Promise<RepresentativeView[]> {
    const manager = this.dataSource.manager;
    const operator = await manager.findOneBy(Operator, { id: operatorId });
    if (!operator) throw OperatorErrors.notFound('no such operator');
    const rows = await manager.find(Representation, { where: { operatorId }, order: { grantedAt: 'DESC' } });
    const now = this.clock.now();
    if (isStaff(by) || operator.registeredBy === by.subject) return rows.map((r) => viewOf(r, now));
    const own = rows.filter((r) => mandateCovers(r, by.subject, 'read', now));
    if (own.length === 0) throw OperatorErrors.notYours('this operator is not yours');
    return own.map((r) => viewOf(r, now));
  }

  /** The acts a trader may do now for an operator it does not hold (none when it has no mandate in force). */
  async actsOf(manager: EntityManager, operatorId: string, subject: string): Promise<RepresentationAct[]> {
    return (await this.represented(manager, subject, operatorId)).get(operatorId) ?? [];
  }

  /** Every operator a trader represents now (or only `operatorId`), with the acts of each: one query. */
  async represented(manager: EntityManager, subject: string, operatorId?: string): Promise<Map<string, RepresentationAct[]>> {
    const now = this.clock.now();
    const rows = await manager.find(Representation, { where: { representative: subject, ...(operatorId ? { operatorId } : {}) } });
    const acts = new Map<string, RepresentationAct[]>();
    for (const id of new Set(rows.map((r) => r.operatorId))) {
      const own = rows.filter((r) => r.operatorId === id);
      const allowed = REPRESENTATION_ACTS.filter((act) => own.some((r) => mandateCovers(r, subject, act, now)));
      if (allowed.length) acts.set(id, allowed);
    }
    return acts;
  }

  private async holderOf(manager: EntityManager, operatorId: string, by: Principal): Promise<Operator> {
    const operator = await manager.findOne(Operator, { where: { id: operatorId }, lock: { mode: 'pessimistic_write' } });
    if (!operator) throw OperatorErrors.notFound('no such operator');
    if (operator.registeredBy !== by.subject) throw OperatorErrors.notYours('only the holder chooses its representatives');
    return operator;
  }

  private async tell(manager: EntityManager, r: Representation, correlationId?: string) {
    await this.outbox.append(manager, Events.representationChanged, {
      aggregateId: r.operatorId,
      correlationId,
      occurredAt: r.revokedAt ?? r.grantedAt,
      message: create(RepresentationChangedSchema, {
        representationId: r.id,
        operatorId: r.operatorId,
        representative: r.representative,
        acts: r.acts,
        validFrom: timestampFromDate(r.validFrom),
        validTo: r.validTo ? timestampFromDate(r.validTo) : undefined,
        revokedAt: r.revokedAt ? timestampFromDate(r.revokedAt) : undefined,
      }),
    });
  }
}

function viewOf(r: Representation, now: Date): RepresentativeView {
  return {
    id: r.id,
    operatorId: r.operatorId,
    representative: r.representative,
    acts: r.acts as RepresentativeView['acts'],
    validFrom: r.validFrom.toISOString(),
    validTo: r.validTo ? r.validTo.toISOString() : null,
    inForce: mandateCovers(r, r.representative, 'read', now),
    grantedBy: r.grantedBy,
    grantedAt: r.grantedAt.toISOString(),
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
    revokedBy: r.revokedBy,
  };
}
