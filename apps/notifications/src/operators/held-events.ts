import { EventConsumerServer } from '@aeo/messaging';
import { PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';

/** Set on a transaction that made an operator known: held events about it may go on once it commits. */
export const HELD_RELEASE = 'aeo:held-release';

/** The hold key of events about an operator not known here yet. */
export const operatorHoldKey = (operatorId: string) => `operator:${operatorId}`;

/**
 * An event about an operator whose registration has not arrived yet (topics are not ordered
 * between them) is held, not lost; it is handed to its handler again once the operator is known.
 */
@Injectable()
export class HeldEvents implements OnApplicationBootstrap, BeforeApplicationShutdown, EntitySubscriberInterface {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: EventConsumerServer,
    @Inject(SERVICE_CONFIG) config: NotificationsConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.task = new PeriodicTask('release of held events', config.MAIL_INTERVAL_MS, () => this.release(), logger, metrics);
  }

  onApplicationBootstrap() {
    this.dataSource.subscribers.push(this);
    this.task.start();
  }

  async beforeApplicationShutdown() {
    await this.task.stop();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data?.[HELD_RELEASE]) {
      delete data[HELD_RELEASE];
      this.task.runSoon();
    }
  }

  /** Hands on the events held for operators now known. */
  async release(): Promise<number> {
    const keys = (await this.consumer.heldKeys()).filter((k) => k.startsWith('operator:'));
    if (keys.length === 0) return 0;
    const known: { key: string }[] = await this.dataSource.query(
      `SELECT 'operator:' || operator_id AS key FROM known_operator WHERE 'operator:' || operator_id = ANY($1::text[])`,
      [keys],
    );
    return this.consumer.releaseHeld(known.map((r) => r.key));
  }
}
