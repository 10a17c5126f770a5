import { Clock, PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { Logger } from 'pino';
import { DataSource, EntitySubscriberInterface, In, TransactionCommitEvent } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { Notice } from '../notices/notice.entity';
import { mailMessage } from './mail-message';
import { MAIL_WAITING } from './mail-waiting';
import { retryDelayMs, smtpFailure } from './smtp-outcome';

/** How long a claimed mail is left to its sender before another dispatcher may take it (longer than a send's timeouts). */
const MAIL_LEASE_MS = 120_000;

/** The domain of bounce addresses: bounces+<notice id>@<domain>. */
export const bounceDomainOf = (config: NotificationsConfig) => config.MAIL_BOUNCE_DOMAIN ?? config.MAIL_FROM.split('@')[1];

/**
 * Sends the notices' e-mails over SMTP (nodemailer): due mails are claimed for a lease (a row
 * lock other replicas skip), handed to the server one by one outside any transaction, and each
 * outcome recorded: sent; refused for good (5xx); or tried again later, each wait twice the last,
 * up to MAIL_GIVE_UP_HOURS, after which staff see it failed. Nothing is dropped on an outage. A
 * crash between the server's acceptance and the record sends that mail again (at least once).
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly task: PeriodicTask;
  private readonly transport?: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.task = new PeriodicTask('mail dispatcher', config.MAIL_INTERVAL_MS, () => this.tick(), logger, metrics);
    if (config.SMTP_URL) {
      this.transport = nodemailer.createTransport({
        url: config.SMTP_URL,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as SMTPTransport.Options);
    }
  }

  onApplicationBootstrap() {
    if (!this.transport) return;
    this.dataSource.subscribers.push(this);
    this.task.start(true);
  }

  async beforeApplicationShutdown() {
    await this.task.stop();
    this.transport?.close();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data?.[MAIL_WAITING]) {
      delete data[MAIL_WAITING];
      this.task.runSoon();
    }
  }

  /** Sends every mail that is due; returns how many were sent. Tests call it after moving the clock. */
  async tick(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.sendDue(20);
      sent += batch.sent;
      if (batch.taken < 20) return sent;
    }
  }

  /**
   * Claims due mails (a row lock that replicas skip, held only to push their next try a lease
   * ahead), then sends each outside any transaction and records its outcome on its own: nothing
   * waits on the SMTP server but the dispatcher. A crash mid-send leaves the mail due again when
   * the lease ends.
   */
  private async sendDue(limit: number): Promise<{ taken: number; sent: number }> {
    if (!this.transport) return { taken: 0, sent: 0 };
    const now = this.clock.now();
    const due = await this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .createQueryBuilder(Notice, 'n')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`n.mail_status = 'pending' AND n.mail_next_at <= :now`, { now })
        .orderBy('n.mail_next_at', 'ASC')
        .addOrderBy('n.id', 'ASC')
        .limit(limit)
        .getMany();
      if (rows.length) await manager.update(Notice, { id: In(rows.map((r) => r.id)) }, { mailNextAt: new Date(now.getTime() + MAIL_LEASE_MS) });
      return rows;
    });
    let sent = 0;
    for (const notice of due) {
      const outcome = await this.send(notice);
      // Only while it is still this claim's (a supervisor's retry or a bounce may have changed it);
      // superseded while it was being sent, what became of it is still recorded (it went, or was refused).
      await this.dataSource.manager.update(Notice, { id: notice.id, mailStatus: In(['pending', 'superseded']), mailAttempts: notice.mailAttempts }, outcome);
      if (outcome.mailStatus === 'sent') sent++;
    }
    return { taken: due.length, sent };
  }

  /** One mail handed to the server, and what follows for the notice. */
  private async send(notice: Notice): Promise<Partial<Notice>> {
    const domain = bounceDomainOf(this.config);
    const attempts = notice.mailAttempts + 1;
    try {
      const message = mailMessage(notice, this.config.PUBLIC_CONSOLE_URL);
      const info = await this.transport!.sendMail({
        from: { name: this.config.MAIL_FROM_NAME, address: this.config.MAIL_FROM },
        to: notice.mailTo!,
        envelope: { from: `bounces+${notice.id}@${domain}`, to: notice.mailTo! },
        messageId: `<${notice.id}@${domain}>`,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-AEO-Notice': notice.id, 'Content-Language': notice.mailLanguage },
      });
      if (info.rejected?.length) throw Object.assign(new Error(`refused: ${String(info.rejected[0])}`), { responseCode: 550, response: info.response });
      return { mailStatus: 'sent', mailAttempts: attempts, mailSentAt: this.clock.now(), mailMessageId: info.messageId ?? null, mailNextAt: null, mailError: null };
    } catch (e) {
      const failure = smtpFailure(e);
      const now = this.clock.now();
      if (failure.permanent) {
        this.logger.warn({ notice: notice.id, error: failure.error }, 'the SMTP server refused a notice for good');
        return { mailStatus: 'refused', mailAttempts: attempts, mailError: failure.error, mailNextAt: null };
      }
      const firstFailure = notice.mailFirstFailureAt ?? now;
      if (now.getTime() - firstFailure.getTime() >= this.config.MAIL_GIVE_UP_HOURS * 3_600_000) {
        this.logger.error({ notice: notice.id, error: failure.error }, `a notice's e-mail failed for ${this.config.MAIL_GIVE_UP_HOURS} hours: given up`);
        return { mailStatus: 'failed', mailAttempts: attempts, mailError: failure.error, mailNextAt: null, mailFirstFailureAt: firstFailure };
      }
      const next = new Date(now.getTime() + retryDelayMs(attempts, this.config.MAIL_RETRY_MS));
      this.logger.warn({ notice: notice.id, error: failure.error, next }, 'sending a notice failed for now; it is tried again');
      return { mailAttempts: attempts, mailError: failure.error, mailNextAt: next, mailFirstFailureAt: firstFailure };
    }
  }
}
