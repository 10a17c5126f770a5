import { create } from '@bufbuild/protobuf';
import { inForceSql } from '../workflow/state-machine';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DeadlineNoticeSchema, Events } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { AccreditationConfig } from '../config/accreditation.config';
import { DeadlineNotice } from './deadline-notice.entity';
import { addDays } from '../workflow/rules';
import { runningDeadlinesSql } from './running-deadlines';
import { AuthorisationWorkflow } from '../workflow/authorisation-workflow';
import { SYSTEM_ACTOR } from '../workflow/engine';

interface Due {
  subject_type: 'application' | 'authorisation';
  subject_id: string;
  operator_id: string;
  deadline: string;
  due: Date;
  assignee: string | null;
}

/**
 * The clocks of the life cycle, read against the service's Clock: sends deadline-approaching and
 * deadline-missed events (once per deadline and due date), reminds holders before their
 * validity ends, and expires authorisations whose validity ended. One instance ticks at a time
 * (a transaction-scoped advisory lock); tests call `tick()` after moving the clock.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly workflow: AuthorisationWorkflow,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.task = new PeriodicTask('deadline scheduler', config.SCHEDULER_INTERVAL_MS, () => this.tick(), logger, metrics);
  }

  onApplicationBootstrap() {
    this.task.start();
  }

  async beforeApplicationShutdown() {
    await this.task.stop();
  }

  /** One pass: expiries first, then the notices. Returns what it did. */
  async tick(): Promise<{ expired: number; notices: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.deadline-scheduler')) AS locked`);
      if (!locked) return { expired: 0, notices: 0 };
      const now = this.clock.now();
      const expired = await this.expire(manager, now);
      const notices = await this.notify(manager, now);
      return { expired, notices };
    });
  }

  private async expire(manager: EntityManager, now: Date): Promise<number> {
    const due: { id: string }[] = await manager.query(
      `SELECT id FROM authorisation WHERE ${inForceSql()} AND valid_to <= $1 ORDER BY valid_to LIMIT 500`,
      [now],
    );
    for (const { id } of due) {
      await this.workflow.actIn(manager, id, 'expire', { reason: 'the validity of the authorisation ended' }, SYSTEM_ACTOR);
    }
    return due.length;
  }

  private async notify(manager: EntityManager, now: Date): Promise<number> {
    const horizon = addDays(now, Math.max(this.config.DEADLINE_WARNING_DAYS, ...this.config.EXPIRY_REMINDER_DAYS));
    const rows: Due[] = await manager.query(runningDeadlinesSql(['application', 'authorisation'], 1), [horizon]);
    // The notices due now, less those already sent (one read, not one write attempt per row and pass).
    const due = rows.flatMap((row) =>
      this.noticesFor(row.deadline, new Date(row.due), now).map((notice) => ({
        row,
        notice,
        due: new Date(row.due),
        key: `${row.subject_id}:${row.deadline}:${notice}:${new Date(row.due).toISOString()}`,
      })),
    );
    if (due.length === 0) return 0;
    const sentBefore: { key: string }[] = await manager.query(`SELECT key FROM deadline_notice WHERE key = ANY($1::text[])`, [due.map((d) => d.key)]);
    const known = new Set(sentBefore.map((r) => r.key));
    let sent = 0;
    for (const { row, notice, due: at, key } of due) {
      if (known.has(key)) continue;
      await manager.insert(DeadlineNotice, { key, subjectId: row.subject_id, deadline: row.deadline, notice, due: at, sentAt: now });
      sent++;
      await this.outbox.append(manager, Events.deadlineNotice, {
        aggregateId: row.subject_id,
        occurredAt: now,
        message: create(DeadlineNoticeSchema, {
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          operatorId: row.operator_id,
          deadline: row.deadline,
          notice: notice.startsWith('reminder') ? 'reminder' : notice,
          due: timestampFromDate(at),
          at: timestampFromDate(now),
          assignee: row.assignee ?? '',
        }),
      });
    }
    return sent;
  }

  /** Which notices a deadline calls for now: approaching, missed, or reminders before the end of validity. */
  private noticesFor(deadline: string, due: Date, now: Date): string[] {
    if (deadline === 'validity') {
      // The expiry itself is the status event; the reminders come before it.
      if (due <= now) return [];
      const latest = this.config.EXPIRY_REMINDER_DAYS.filter((d) => addDays(now, d) >= due).sort((a, b) => a - b)[0];
      return latest === undefined ? [] : [`reminder-${latest}`];
    }
    if (due <= now) return ['missed'];
    return addDays(now, this.config.DEADLINE_WARNING_DAYS) >= due ? ['approaching'] : [];
  }
}
