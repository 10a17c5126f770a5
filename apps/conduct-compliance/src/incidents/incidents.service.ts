import { Clock, Principal } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { IncidentErrors } from '../conduct-compliance.errors';
import { actsForOperator, visibleOperator } from '../operators/access';
import { IncidentView } from '../views/views';
import { Incident, IncidentDecision, Severity } from './incident.entity';

/** What is reported of an incident. */
export type IncidentReport = Pick<Incident, 'severity' | 'occurredOn' | 'description' | 'measuresTaken'>;

/** Customs' review of an incident. */
export interface IncidentReview {
  decision: IncidentDecision;
  reason: string;
}

/** Which incidents the administration lists. */
export interface IncidentFilter {
  severity?: Severity;
  state?: 'open' | 'reviewed';
}

/**
 * Integrity and insider incidents and customs' reviews of them. Each change recomputes the
 * operator's compliance status in its own transaction (the status and its event, through the
 * outbox, are written with the change).
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** The AEO, or customs, reports an incident with the measures taken. */
  async report(operatorId: string, report: IncidentReport, by: Principal, correlationId?: string): Promise<IncidentView> {
    if (report.occurredOn > this.clock.now().toISOString().slice(0, 10)) throw IncidentErrors.invalid('the incident is invalid', ['occurredOn must not be in the future']);
    return this.dataSource.transaction(async (manager) => {
      const operator = await visibleOperator(manager, operatorId, by, true);
      const incident: Incident = {
        id: randomUUID(),
        operatorId,
        severity: report.severity,
        occurredOn: report.occurredOn,
        description: report.description,
        measuresTaken: report.measuresTaken,
        reportedBy: by.subject,
        reportedAs: (await actsForOperator(manager, operator, by)) ? 'operator' : 'customs',
        reportedAt: this.clock.now(),
        decision: null,
        reviews: [],
        suspensionProposedAt: null,
      };
      await manager.insert(Incident, incident);
      await this.compliance.recompute(manager, operatorId, correlationId);
      return IncidentView.of(await manager.findOneByOrFail(Incident, { id: incident.id }));
    });
  }

  /** Customs reviews an incident: the measures are accepted, or found insufficient (with reasons). */
  async review(id: string, review: IncidentReview, by: Principal, correlationId?: string): Promise<IncidentView> {
    return this.dataSource.transaction(async (manager) => {
      const incident = await manager.findOne(Incident, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!incident) throw IncidentErrors.notFound('no such incident');
      const reviews = [...incident.reviews, { decision: review.decision, reason: review.reason, by: by.subject, at: this.clock.now().toISOString() }];
      await manager.update(Incident, { id }, { decision: review.decision, reviews });
      await this.compliance.recompute(manager, incident.operatorId, correlationId);
      return IncidentView.of(await manager.findOneByOrFail(Incident, { id }));
    });
  }

  /** An operator's incidents with their reviews, oldest first. */
  async ofOperator(operatorId: string, by: Principal): Promise<IncidentView[]> {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return (await this.dataSource.manager.find(Incident, { where: { operatorId }, order: { reportedAt: 'ASC' } })).map(IncidentView.of);
  }

  /** Incidents to review: by severity, open or reviewed; most severe and oldest first. */
  async list(q: IncidentFilter): Promise<IncidentView[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Incident, 'i');
    if (q.severity) qb.andWhere('i.severity = :severity', { severity: q.severity });
    if (q.state === 'open') qb.andWhere(`(i.decision IS NULL OR i.decision = 'measures-insufficient')`);
    if (q.state === 'reviewed') qb.andWhere(`i.decision = 'measures-accepted'`);
    qb.orderBy(`array_position(ARRAY['critical','high','medium','low'], i.severity)`).addOrderBy('i.reported_at', 'ASC').limit(500);
    return (await qb.getMany()).map(IncidentView.of);
  }
}
