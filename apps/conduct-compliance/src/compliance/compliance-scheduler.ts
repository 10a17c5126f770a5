import { SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConductComplianceConfig } from '../config/conduct-compliance.config';
import { ComplianceService } from './compliance.service';

/**
 * Time changes a status without anyone writing: a declaration falls due, training lapses. The
 * scheduler derives every operator's status anew against the service's Clock; only changes are
 * told. Tests call `tick()` after moving the clock.
 */
@Injectable()
export class ComplianceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    @Inject(SERVICE_CONFIG) private readonly config: ConductComplianceConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tickSafely(), this.config.SCHEDULER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tickSafely() {
    if (this.running) return;
    this.running = this.tick()
      .catch((e) => this.logger.warn({ err: e }, 'compliance scheduler tick failed; next tick retries'))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /** Derives every operator's status; returns how many changed. */
  async tick(): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page: { operator_id: string }[] = await this.dataSource.query(
        `SELECT operator_id FROM known_operator WHERE operator_id > $1 ORDER BY operator_id LIMIT 200`,
        [after],
      );
      if (page.length === 0) return changed;
      for (const { operator_id } of page) {
        const before = await this.dataSource.query(`SELECT version FROM compliance_status WHERE operator_id = $1`, [operator_id]);
        const next = await this.compliance.recomputeNow(operator_id);
        if (next && Number(before[0]?.version ?? 0) !== next.version) changed++;
      }
      after = page[page.length - 1].operator_id;
    }
  }
}
