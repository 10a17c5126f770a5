import { Clock, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccreditationConfig } from '../config/accreditation.config';
import { AccreditationFiguresView } from './dto/figures.view';
import { isMsme, MSME_SIZE_CLASSES } from '@aeo/contracts';
import { runningDeadlinesSql } from '../deadlines/running-deadlines';
import { addDays } from '../workflow/rules';
import { APPLICATION_STAGES, DECISION_CLOCK_STAGES, inForceSql } from '../workflow/state-machine';

const DAYS = 86_400_000;
const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** The administration's figures (DOMAIN.md, "Figures an administration watches"), read from the database. */
@Injectable()
export class FiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {}

  /** Counts per stage, time from acceptance to decision (pauses apart), backlog, MSME share, deadlines at risk, AEOs. */
  async figures(): Promise<AccreditationFiguresView> {
    const now = this.clock.now();
    const q = (sql: string, params: unknown[] = []) => this.dataSource.query(sql, params);
    const [stages, totals, decision, msme, risk, authorisations, holdersBySize, decisions] = await Promise.all([
      q(`SELECT stage, count(*)::int AS n FROM application GROUP BY stage`),
      q(`SELECT count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS received,
                count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS accepted,
                count(*) FILTER (WHERE stage IN ('granted', 'rejected') OR decided_at IS NOT NULL)::int AS decided
           FROM application`),
      q(`SELECT count(*)::int AS n,
                avg(extract(epoch FROM decided_at - accepted_at) * 1000) AS elapsed,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - accepted_at) * 1000) AS median,
                avg(paused_ms) AS paused
           FROM application WHERE decided_at IS NOT NULL AND accepted_at IS NOT NULL`),
      q(`SELECT count(*) FILTER (WHERE size_class = ANY($1::text[]))::int AS msme, count(*)::int AS all FROM application WHERE stage <> 'draft'`, [MSME_SIZE_CLASSES]),
      q(
        `SELECT subject_id AS id, stage, assignee, due, deadline AS kind FROM (${runningDeadlinesSql(['application'], 1)}) d ORDER BY due`,
        [addDays(now, this.config.DEADLINE_WARNING_DAYS)],
      ),
      q(`SELECT aeo_type AS "aeoType", status, count(*)::int AS n FROM authorisation GROUP BY aeo_type, status`),
      q(`SELECT coalesce(o.size_class, 'unknown') AS "sizeClass", count(*)::int AS n
           FROM authorisation a JOIN known_operator o ON o.operator_id = a.operator_id
          WHERE ${inForceSql('a.status')} GROUP BY 1`),
      q(`SELECT action, count(*)::int AS n FROM transition
          WHERE action IN ('grant', 'reject', 'suspend', 'request_suspension', 'reinstate', 'revoke', 'revoke_partially', 'withdraw', 'expire')
            AND (authorisation_id IS NOT NULL OR action = 'reject') GROUP BY action`),
    ]);
    const perStage = Object.fromEntries(APPLICATION_STAGES.map((s) => [s, 0]));
    for (const r of stages) perStage[r.stage] = r.n;
    const backlog = Object.fromEntries(
      Object.entries(perStage).filter(([s]) => ['submitted', 'returned', ...DECISION_CLOCK_STAGES, 'appealed'].includes(s)),
    );
    const holders = holdersBySize.reduce((n: number, r: { n: number }) => n + r.n, 0);
    const msmeHolders = holdersBySize.filter((r: { sizeClass: string }) => isMsme(r.sizeClass)).reduce((n: number, r: { n: number }) => n + r.n, 0);
    const d = decision[0];
    const elapsed = d.elapsed === null ? null : Number(d.elapsed);
    const paused = d.paused === null ? null : Number(d.paused);
    return {
      at: now,
      applications: { ...totals[0], perStage },
      backlog: { total: Object.values(backlog).reduce((a, b) => a + b, 0), perStage: backlog },
      acceptanceToDecisionDays: {
        decided: d.n,
        averageElapsed: round(elapsed === null ? null : elapsed / DAYS),
        medianElapsed: round(d.median === null ? null : Number(d.median) / DAYS),
        averagePaused: round(paused === null ? null : paused / DAYS),
        averageCounted: round(elapsed === null || paused === null ? null : (elapsed - paused) / DAYS),
      },
      msmeShare: {
        applicants: msme[0].all ? round((msme[0].msme / msme[0].all) * 100) : null,
        holders: holders ? round((msmeHolders / holders) * 100) : null,
        unit: 'percent',
      },
      deadlinesAtRisk: {
        withinDays: this.config.DEADLINE_WARNING_DAYS,
        missed: risk.filter((r: { due: Date }) => new Date(r.due) <= now).length,
        approaching: risk.filter((r: { due: Date }) => new Date(r.due) > now).length,
        items: risk.slice(0, 100),
      },
      authorisations: { byTypeAndStatus: authorisations, holdersBySizeClass: holdersBySize },
      decisions: Object.fromEntries(decisions.map((r: { action: string; n: number }) => [r.action, r.n])),
    };
  }
}
