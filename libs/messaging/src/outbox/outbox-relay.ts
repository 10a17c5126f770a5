import type { ServiceMetrics } from '@aeo/platform';
import { backoffMs, RETRY_POLICIES, RetryPolicy } from '../retry/retry-policy';
import { Logger } from 'pino';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { EventTransport } from '../transport/event-transport';
import { OUTBOX_WRITTEN } from './outbox-writer';

export interface OutboxRelayOptions {
  /** Most rows a pass publishes (500). */
  batchSize?: number;
  /**
   * Most bytes of messages a pass reads and publishes (4 MiB; the row that crosses it is the
   * last): a snapshot's chunks are some 400 KB each, and 500 of them held at once would be 200 MB.
   */
  batchBytes?: number;
  /**
   * How often the relay looks when nothing woke it (10 s). A commit in this process wakes it at
   * once; this only catches rows that no commit here announced (another replica that died before
   * publishing them). Each look is a transaction: at 500 ms, the polls of an idle federation's
   * 20 relays were PostgreSQL's whole load and a tenth of each service's CPU.
   */
  pollIntervalMs?: number;
  /** How soon the relay tries again when another replica's relay held the lock (100 ms). */
  lockRetryMs?: number;
  /** When a row the broker did not take is due again (RETRY_POLICIES.relay by default). */
  retryPolicy?: RetryPolicy;
}

const RELAY_ERROR_RETRY_MS = 1000;

/** What one pass of the relay did. */
export interface RelayPass {
  published: number;
  /** Rows it locked and left for the next pass (past its rows or its bytes): look again at once. */
  more?: boolean;
  /** Another relay (a replica's) held the lock. */
  lockHeld?: boolean;
  /** The first unpublished row is backing off until then. */
  dueInMs?: number;
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
  private readonly batchBytes: number;
  private readonly pollIntervalMs: number;
  private readonly lockRetryMs: number;
  private readonly retryPolicy: RetryPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
    private readonly metrics?: ServiceMetrics,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.lockRetryMs = options.lockRetryMs ?? 100;
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

  /**
   * Publishes what is due now. Says how many rows were published, or that another relay holds
   * the lock, or in how many milliseconds the first row (backing off) is due.
   */
  async publishDue(): Promise<RelayPass> {
    return this.dataSource.transaction(async (manager): Promise<RelayPass> => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) AS locked`,
      );
      if (!locked) return { published: 0, lockHeld: true };
      const rows: {
        id: string;
        topic: string;
        key: string;
        value: Buffer;
        headers: Record<string, string>;
        attempts: number;
        due_in_ms: number;
        locked_rows: number;
      }[] = await manager.query(
        // The rows are locked first (their sizes only), then read up to batchBytes: rows locked
        // past it are left as they were when the transaction ends.
        `WITH locked AS (
           SELECT id, position, octet_length(value) AS size FROM outbox
           WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED
         ), sized AS (SELECT id, position, sum(size) OVER (ORDER BY position) - size AS before, count(*) OVER () AS locked_rows FROM locked)
         SELECT o.id, o.topic, o.key, o.value, o.headers, o.attempts,
                greatest(0, ceil(extract(epoch FROM o.next_attempt_at - now()) * 1000))::int AS due_in_ms, sized.locked_rows::int AS locked_rows
         FROM sized JOIN outbox o ON o.id = sized.id WHERE sized.before < $2 ORDER BY sized.position`,
        [this.batchSize, this.batchBytes],
      );
      if (rows.length === 0) return { published: 0 };
      // Rows are published in order; a row still backing off holds back the rows after it.
      if (rows[0].due_in_ms > 0) return { published: 0, dueInMs: rows[0].due_in_ms };
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
        return { published: 0, dueInMs: backoff };
      }
      // When the broker acknowledged them (now() would be the pass's start, before the publication).
      await manager.query(`UPDATE outbox SET published_at = clock_timestamp(), last_error = NULL WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      // Fewer than it may take, and nothing left behind by its bytes: every row committed when it
      // looked is out. A row committed since woke it (wake()), so no look just to find none.
      return { published: rows.length, more: rows.length === this.batchSize || rows[0].locked_rows > rows.length };
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let pass: RelayPass = { published: 0 };
      try {
        pass = await this.publishDue();
      } catch (e) {
        this.logger.warn({ error: (e as Error).message }, 'outbox relay error');
        this.metrics?.relayFailures.inc();
        // PostgreSQL away: tried again in a second, not at the next poll.
        pass = { published: 0, dueInMs: RELAY_ERROR_RETRY_MS };
      }
      if (pass.more || this.woken || !this.running) continue;
      // Another replica's relay is publishing: it may have read its batch before our rows were
      // committed, so this one looks again soon rather than at the next poll.
      const waitMs = pass.lockHeld ? this.lockRetryMs : Math.min(this.pollIntervalMs, pass.dueInMs ?? Infinity);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
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
