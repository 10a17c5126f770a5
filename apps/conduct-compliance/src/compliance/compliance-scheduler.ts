import { Clock, PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConductComplianceConfig } from '../config/conduct-compliance.config';
import { ComplianceService } from './compliance.service';

/**
 * Time changes a status without anyone writing: a declaration falls due, training lapses. The
 * scheduler derives those statuses anew against the service's Clock; only changes are told.
 * Tests call `tick()` after moving the clock.
 */
@Injectable()
export class ComplianceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: ConductComplianceConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.task = new PeriodicTask('compliance scheduler', config.SCHEDULER_INTERVAL_MS, () => this.tick(), logger, metrics);
  }

  onApplicationBootstrap() {
    this.task.start();
  }

  async beforeApplicationShutdown() {
    await this.task.stop();
  }

  /** The day up to which time-driven changes were looked at; null until the first full pass. */
  private sweptUpTo: string | null = null;

  /**
   * Derives anew the statuses time may have changed since the last pass: a declaration that fell
   * due, training that lapsed, people who started or left. The first pass after a start (or a
   * clock moved backwards) looks at every operator. Returns how many statuses changed.
   */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const full = this.sweptUpTo === null || today < this.sweptUpTo;
    const candidates: { operator_id: string }[] = full
      ? await this.dataSource.query(`SELECT operator_id FROM known_operator ORDER BY operator_id`)
      : await this.dataSource.query(
          `SELECT operator_id FROM compliance_status WHERE declaration_due <= $1 AND NOT declaration_overdue
           UNION SELECT p.operator_id FROM training t JOIN person p ON p.id = t.person_id
                  WHERE p.operator_id IS NOT NULL AND t.valid_until >= $2::date - 1 AND t.valid_until < $3::date
           UNION SELECT operator_id FROM person
                  WHERE operator_id IS NOT NULL AND ((left_on > $2::date AND left_on <= $3::date) OR (started_on > $2::date AND started_on <= $3::date))
           UNION SELECT o.operator_id FROM known_operator o WHERE NOT EXISTS (SELECT 1 FROM compliance_status s WHERE s.operator_id = o.operator_id)`,
          [now, this.sweptUpTo, today],
        );
    let changed = 0;
    for (const { operator_id } of candidates) {
      if ((await this.compliance.recomputeNow(operator_id))?.changed) changed++;
    }
    this.sweptUpTo = today;
    return changed;
  }
}
