import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { COMPLIANCE_STATE_WIRE, ComplianceStatusChangedSchema, Events } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, Principal, SERVICE_CONFIG, updateReturning } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConductComplianceConfig } from '../config/conduct-compliance.config';
import { Incident } from '../incidents/incident.entity';
import { visibleOperator } from '../operators/access';
import { ComplianceRules, ComplianceState, coverageOf, declarationDue, deriveStatus, reasonText, rulesOf } from './compliance-rules';
import { ComplianceStatus } from './compliance-status.entity';

/**
 * Derives an operator's compliance status from what this service holds, stores it and, when it
 * changed, tells the other services (ComplianceStatusChanged, through the outbox, in the same
 * transaction as the change that caused it).
 */
@Injectable()
export class ComplianceService {
  readonly rules: ComplianceRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ConductComplianceConfig,
  ) {
    this.rules = rulesOf(config);
  }

  /** The facts behind an operator's status, as of now. */
  async factsOf(manager: EntityManager, operatorId: string) {
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const [row] = await manager.query(
      `SELECT o.registered_at,
              (SELECT max(version) FROM code_of_conduct c WHERE c.operator_id = o.operator_id AND c.status = 'accepted') AS accepted_version,
              (SELECT min(reviewed_at) FROM code_of_conduct c WHERE c.operator_id = o.operator_id AND c.status IN ('accepted', 'superseded') AND c.reviewed_at IS NOT NULL) AS first_accepted_at,
              (SELECT max(declared_at) FROM declaration d WHERE d.operator_id = o.operator_id) AS last_declared_at
         FROM known_operator o WHERE o.operator_id = $1`,
      [operatorId],
    );
    const coverage = await this.coverage(manager, operatorId, today);
    const critical: Pick<Incident, 'id' | 'description'>[] = await manager.query(
      `SELECT id, description FROM incident
        WHERE operator_id = $1 AND severity = 'critical' AND (decision IS NULL OR decision = 'measures-insufficient')
        ORDER BY reported_at`,
      [operatorId],
    );
    return {
      acceptedCodeVersion: row?.accepted_version ?? null,
      ...coverage,
      declarationDue: declarationDue(
        row?.last_declared_at ? new Date(row.last_declared_at) : null,
        new Date(row?.first_accepted_at ?? row?.registered_at ?? now),
        this.config.DECLARATION_INTERVAL_MONTHS,
      ),
      now,
      criticalIncidentsOpen: critical,
    };
  }

  /** People in sensitive positions on `today`, and how many hold valid training; operatorId null is customs' staff. */
  async coverage(manager: EntityManager, operatorId: string | null, today: string): Promise<{ sensitive: number; trained: number }> {
    const [c] = await manager.query(
      `SELECT count(*)::int AS sensitive,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM training t WHERE t.person_id = p.id AND t.completed_on <= $2 AND t.valid_until >= $2))::int AS trained
         FROM person p
        WHERE p.operator_id IS NOT DISTINCT FROM $1 AND cardinality(p.sensitive_access) > 0
          AND p.started_on <= $2 AND (p.left_on IS NULL OR p.left_on > $2)`,
      [operatorId, today],
    );
    return c;
  }

  /**
   * Derives the status anew inside the caller's transaction; stores and announces it when it
   * changed. A suspension is proposed once per critical incident.
   */
  async recompute(
    manager: EntityManager,
    operatorId: string,
    correlationId?: string,
  ): Promise<{ status: ComplianceStatus; changed: boolean } | null> {
    // One derivation at a time per operator: the row lock orders concurrent changes.
    const locked = await manager.query(`SELECT operator_id FROM known_operator WHERE operator_id = $1 FOR UPDATE`, [operatorId]);
    if (locked.length === 0) return null;
    const facts = await this.factsOf(manager, operatorId);
    const derived = deriveStatus(facts, this.rules);
    const stored = await manager.findOneBy(ComplianceStatus, { operatorId });
    let proposal: { id: string; description: string } | null = null;
    if (derived.suspensionFor) {
      const fresh = await updateReturning(
        manager,
        `UPDATE incident SET suspension_proposed_at = $2 WHERE id = $1 AND suspension_proposed_at IS NULL RETURNING id`,
        [derived.suspensionFor.id, facts.now],
      );
      if (fresh.length > 0) proposal = derived.suspensionFor;
    }
    const same =
      stored &&
      stored.status === derived.status &&
      JSON.stringify(stored.grantBlockedBecause) === JSON.stringify(derived.grantBlockedBecause) &&
      JSON.stringify(stored.warnings) === JSON.stringify(derived.warnings) &&
      stored.coverage === derived.coverage &&
      stored.declarationOverdue === derived.declarationOverdue &&
      stored.declarationDue.getTime() === facts.declarationDue.getTime();
    if (same && !proposal) {
      // A status stored before its reasons were kept (the same words, one for one with the reasons,
      // but none stored): its reasons filled in, nothing new to tell.
      if (stored.reasons.length !== derived.reasons.length) await manager.update(ComplianceStatus, { operatorId }, { reasons: derived.reasons });
      return { status: { ...stored, reasons: derived.reasons }, changed: false };
    }
    const next: ComplianceStatus = {
      operatorId,
      status: derived.status,
      grantBlockedBecause: derived.grantBlockedBecause,
      warnings: derived.warnings,
      reasons: derived.reasons,
      coverage: derived.coverage,
      declarationDue: facts.declarationDue,
      declarationOverdue: derived.declarationOverdue,
      version: (stored?.version ?? 0) + 1,
      changedAt: facts.now,
    };
    await manager.save(ComplianceStatus, next);
    await this.outbox.append(manager, Events.complianceStatusChanged, {
      aggregateId: operatorId,
      correlationId,
      occurredAt: facts.now,
      message: create(ComplianceStatusChangedSchema, {
        operatorId,
        status: derived.status,
        state: COMPLIANCE_STATE_WIRE.toWire(derived.status),
        grantBlockedBecause: derived.grantBlockedBecause,
        warnings: derived.warnings,
        reasons: derived.reasons,
        suspensionProposed: proposal !== null,
        suspensionGrounds: proposal ? reasonText({ rule: 'critical-incident', effect: 'warn', incident: proposal.description }) : '',
        incidentId: proposal?.id ?? '',
        changedAt: timestampFromDate(facts.now),
        version: BigInt(next.version),
      }),
    });
    return { status: next, changed: true };
  }

  /** Recomputes in a transaction of its own. */
  async recomputeNow(operatorId: string, correlationId?: string) {
    return this.dataSource.transaction((manager) => this.recompute(manager, operatorId, correlationId));
  }

  /** The status of an operator the principal may see, why, the facts behind it and the rules applied. */
  async statusFor(operatorId: string, by: Principal) {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return this.statusOf(this.dataSource.manager, operatorId);
  }

  async statusOf(manager: EntityManager, operatorId: string) {
    const stored = await manager.findOneBy(ComplianceStatus, { operatorId });
    const facts = await this.factsOf(manager, operatorId);
    return {
      operatorId,
      status: (stored?.status ?? 'blocking') as ComplianceState,
      grantBlockedBecause: stored?.grantBlockedBecause ?? [],
      warnings: stored?.warnings ?? [],
      reasons: stored?.reasons ?? [],
      version: stored?.version ?? 0,
      changedAt: stored?.changedAt ?? null,
      facts: {
        acceptedCodeVersion: facts.acceptedCodeVersion,
        sensitivePositions: facts.sensitive,
        trained: facts.trained,
        coverage: coverageOf(facts.sensitive, facts.trained),
        coverageThreshold: this.rules.coverageThreshold,
        declarationDue: facts.declarationDue,
        declarationOverdue: facts.now > facts.declarationDue,
        criticalIncidentsOpen: facts.criticalIncidentsOpen.map((i) => i.id),
      },
      rules: this.rules,
    };
  }
}
