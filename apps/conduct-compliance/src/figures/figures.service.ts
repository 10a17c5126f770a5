import { Clock } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coverageOf } from '../compliance/compliance-rules';
import { ComplianceService } from '../compliance/compliance.service';
import { ComplianceFiguresView } from '../views/views';

/** Conduct figures for the console, read from the database: coverage, overdue declarations, open incidents by severity, statuses. */
@Injectable()
export class FiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** Training coverage (AEOs and customs staff), overdue declarations, open incidents by severity, compliance statuses. */
  async figures(): Promise<ComplianceFiguresView> {
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const q = (sql: string, params: unknown[] = []) => this.dataSource.query(sql, params);
    const [all, perOperator, statuses, overdue, incidents] = await Promise.all([
      q(
        `SELECT count(*)::int AS sensitive,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM training t WHERE t.person_id = p.id AND t.completed_on <= $1 AND t.valid_until >= $1))::int AS trained
           FROM person p WHERE p.operator_id IS NOT NULL AND cardinality(p.sensitive_access) > 0 AND p.started_on <= $1 AND (p.left_on IS NULL OR p.left_on > $1)`,
        [today],
      ),
      q(`SELECT count(*) FILTER (WHERE coverage IS NOT NULL AND coverage < $1)::int AS below, count(*) FILTER (WHERE coverage IS NOT NULL)::int AS measured
           FROM compliance_status`, [this.compliance.rules.coverageThreshold]),
      q(`SELECT status, count(*)::int AS n FROM compliance_status GROUP BY status`),
      q(`SELECT count(*)::int AS n FROM compliance_status WHERE declaration_due < $1`, [now]),
      q(`SELECT severity, count(*)::int AS n FROM incident WHERE decision IS NULL OR decision = 'measures-insufficient' GROUP BY severity`),
    ]);
    const staff = await this.compliance.coverage(this.dataSource.manager, null, today);
    return {
      at: now,
      coverage: {
        threshold: this.compliance.rules.coverageThreshold,
        operators: { sensitivePositions: all[0].sensitive, trained: all[0].trained, percent: coverageOf(all[0].sensitive, all[0].trained) },
        operatorsBelowThreshold: perOperator[0].below,
        operatorsMeasured: perOperator[0].measured,
        customsStaff: { sensitivePositions: staff.sensitive, trained: staff.trained, percent: coverageOf(staff.sensitive, staff.trained) },
      },
      declarationsOverdue: overdue[0].n,
      openIncidentsBySeverity: Object.fromEntries(['critical', 'high', 'medium', 'low'].map((s) => [s, incidents.find((r: { severity: string }) => r.severity === s)?.n ?? 0])),
      statuses: Object.fromEntries(['compliant', 'warning', 'blocking'].map((s) => [s, statuses.find((r: { status: string }) => r.status === s)?.n ?? 0])),
    };
  }
}
