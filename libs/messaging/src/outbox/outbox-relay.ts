import type { ServiceMetrics } from '@aeo/platform';
import { backoffMs, RETRY_POLICIES, RetryPolicy } from '../retry/retry-policy';
import { Logger } from 'pino';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { EventTransport } from '../transport/event-transport';
import { OUTBOX_WRITTEN } from './outbox-writer';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often the relay looks when nothing woke it. */
  pollIntervalMs?: number;
  /** When a row the broker did not take is due again (RETRY_POLICIES.relay by default). */
  retryPolicy?: RetryPolicy;
}

/**
 * Publishes outbox rows in the order they were written. One relay per schema holds an advisory
 * lock while it works, so two instances never publish out of order. A row whose publication
 * fails stays and is tried again with growing backoff; it blocks the rows after it, because
 * order matters more than throughput here. Nothing is ever deleted.
 */
export class OutboxRelay {
  private running = false;
  private wakeUp?: () => void;
  private woken = false;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryPolicy: RetryPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
    private readonly metrics?: ServiceMetrics,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.retryPolicy = options.retryPolicy ?? RETRY_POLICIES.relay;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Publishes what is due now; returns how many rows were published. */
  async publishDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) AS locked`,
      );
      if (!locked) return 0;
      const rows: {
        id: string;
        topic: string;
        key: string;
        value: Buffer;
        headers: Record<string, string>;
        attempts: number;
        due: boolean;
      }[] = await manager.query(
        `SELECT id, topic, key, value, headers, attempts, next_attempt_at <= now() AS due FROM outbox
         WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      // Rows are published in order; a row still backing off holds back the rows after it.
      if (rows.length === 0 || !rows[0].due) return 0;
      try {
        await this.transport.publish(rows.map((r) => ({ topic: r.topic, key: r.key, value: r.value, headers: r.headers })));
      } catch (e) {
        const attempts = rows[0].attempts + 1;
        const backoff = backoffMs(this.retryPolicy, attempts);
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
          [rows[0].id, (e as Error).message, String(backoff)],
        );
        this.logger.warn({ error: (e as Error).message, attempts, backoffMs: backoff }, 'outbox publication failed');
        return 0;
      }
      await manager.query(`UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let published = 0;
      try {
        published = await this.publishDue();
      } catch (e) {
        this.logger.warn({ error: (e as Error).message }, 'outbox relay error');
        this.metrics?.relayFailures.inc();
      }
      if (published > 0 || this.woken || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wakeUp = () => (clearTimeout(timer), resolve());
      });
      this.wakeUp = undefined;
    }
  }
}

/** Wakes the relay right after a transaction that wrote to the outbox commits. */
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  constructor(private readonly relay: OutboxRelay) {}

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data?.[OUTBOX_WRITTEN]) {
      delete data[OUTBOX_WRITTEN];
      this.relay.wake();
    }
  }
}
