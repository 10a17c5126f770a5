import { PeriodicTask, ServiceConfig, ServiceMetrics, updateReturning } from '@aeo/platform';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';

/**
 * Prunes what has served its purpose, per service: published outbox rows after
 * OUTBOX_RETENTION_DAYS, inbox rows after INBOX_RETENTION_DAYS, handled dead letters after
 * DEAD_LETTER_RETENTION_DAYS. Open dead letters and held messages are never pruned here. Safe on
 * every replica at once (each delete is idempotent), in bounded batches.
 */
export class Retention {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
    private readonly logger: Logger,
    metrics?: ServiceMetrics,
  ) {
    this.task = new PeriodicTask('retention', config.RETENTION_INTERVAL_MS, () => this.prune(), logger, metrics);
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; how many rows of each were pruned. */
  async prune(now = new Date()): Promise<{ outbox: number; inbox: number; deadLetters: number }> {
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const batched = async (sql: string, cutoff: Date) => {
      let total = 0;
      for (;;) {
        const rows = await updateReturning(this.dataSource.manager, sql, [cutoff]);
        total += rows.length;
        if (rows.length < 5000) return total;
      }
    };
    const pruned = {
      outbox: await batched(`DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < $1 LIMIT 5000) RETURNING 1`, before(this.config.OUTBOX_RETENTION_DAYS)),
      inbox: await batched(
        `DELETE FROM inbox WHERE (consumer, message_id) IN (SELECT consumer, message_id FROM inbox WHERE handled_at < $1 LIMIT 5000) RETURNING 1`,
        before(this.config.INBOX_RETENTION_DAYS),
      ),
      deadLetters: await batched(
        `DELETE FROM dead_letter WHERE id IN (SELECT id FROM dead_letter WHERE handled_at < $1 LIMIT 5000) RETURNING 1`,
        before(this.config.DEAD_LETTER_RETENTION_DAYS),
      ),
    };
    if (pruned.outbox + pruned.inbox + pruned.deadLetters > 0) this.logger.info(pruned, 'retention: rows pruned');
    return pruned;
  }
}
