import { backoffMs, RETRY_POLICIES } from '../retry/retry-policy';
import { Client, Pool } from 'pg';
import { Logger } from 'pino';
import { DeliveredMessage, EventTransport, SubscribeOptions, Subscription, TransportMessage } from './event-transport';

export interface PgEventLogOptions {
  url: string;
  logger: Logger;
  /** How long a subscriber waits for a notification before it looks anyway. */
  pollIntervalMs?: number;
}

const SCHEMA = 'event_log';
const CHANNEL = 'event_log_appended';
const BATCH = 200;

/**
 * The event transport on PostgreSQL, for a machine with no Kafka: an append-only log per topic.
 * Offsets are given under the topic row's lock, so they commit in order and a reader that has
 * seen offset n never later finds a smaller one. One partition per topic keeps every key in order.
 * Consumer positions are rows, committed after each message: at-least-once, resumable.
 */
export class PgEventLogTransport implements EventTransport {
  readonly kind = 'embedded' as const;
  private readonly pool: Pool;
  private readonly subscriptions = new Set<Subscription>();
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: PgEventLogOptions) {
    this.pool = new Pool({ connectionString: options.url, max: 3 });
    this.pool.on('error', (e) => options.logger.warn({ error: e.message }, 'event log pool error'));
    // A client in use when its connection drops (the database restarting, or dropped) emits 'error'
    // too, and the pool listens only to idle ones: without this, that error would end the process.
    this.pool.on('connect', (client) => client.on('error', (e) => options.logger.warn({ error: e.message }, 'event log connection error')));
  }

  async connect(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`${SCHEMA}.init`]);
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
        CREATE TABLE IF NOT EXISTS ${SCHEMA}.topic (
          name text PRIMARY KEY,
          next_offset bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS ${SCHEMA}.record (
          topic text NOT NULL REFERENCES ${SCHEMA}.topic (name),
          "offset" bigint NOT NULL,
          key text NOT NULL,
          value bytea NOT NULL,
          headers jsonb NOT NULL,
          appended_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (topic, "offset")
        );
        CREATE TABLE IF NOT EXISTS ${SCHEMA}.consumer_position (
          group_id text NOT NULL,
          topic text NOT NULL,
          next_offset bigint NOT NULL,
          PRIMARY KEY (group_id, topic)
        );`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`${SCHEMA}.init`]).catch(() => undefined);
      client.release();
    }
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    await this.pool.query(
      `INSERT INTO ${SCHEMA}.topic (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`,
      [missing],
    );
    missing.forEach((t) => this.knownTopics.add(t));
  }

  async publish(messages: TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const m of messages) {
        const { rows } = await client.query(
          `UPDATE ${SCHEMA}.topic SET next_offset = next_offset + 1 WHERE name = $1 RETURNING next_offset - 1 AS offset`,
          [m.topic],
        );
        await client.query(
          `INSERT INTO ${SCHEMA}.record (topic, "offset", key, value, headers) VALUES ($1, $2, $3, $4, $5)`,
          [m.topic, rows[0].offset, m.key, m.value, JSON.stringify(m.headers)],
        );
      }
      for (const topic of new Set(messages.map((m) => m.topic))) {
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, topic]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopics(options.topics);
    const log = this.options.logger.child({ component: 'event-log-consumer', groupId: options.groupId });
    const pollInterval = this.options.pollIntervalMs ?? 1000;
    let closed = false;
    let wake: (() => void) | undefined;
    let pending = true;
    const notify = () => {
      pending = true;
      wake?.();
    };

    let listener: Client | undefined;
    const listen = async () => {
      listener = new Client({ connectionString: this.options.url });
      listener.on('error', () => undefined);
      listener.on('notification', (n) => {
        if (n.payload && options.topics.includes(n.payload)) notify();
      });
      listener.on('end', () => {
        if (!closed) setTimeout(() => void listen().catch(() => undefined), pollInterval);
      });
      await listener.connect();
      await listener.query(`LISTEN ${CHANNEL}`);
    };
    await listen();

    const drainTopic = async (topic: string): Promise<number> => {
      const { rows: pos } = await this.pool.query(
        `SELECT next_offset FROM ${SCHEMA}.consumer_position WHERE group_id = $1 AND topic = $2`,
        [options.groupId, topic],
      );
      let next = BigInt(pos[0]?.next_offset ?? 0);
      const { rows } = await this.pool.query(
        `SELECT "offset", key, value, headers FROM ${SCHEMA}.record WHERE topic = $1 AND "offset" >= $2 ORDER BY "offset" LIMIT ${BATCH}`,
        [topic, next.toString()],
      );
      const messages: DeliveredMessage[] = rows.map((row) => ({
        topic,
        partition: 0,
        offset: String(row.offset),
        key: row.key,
        value: row.value,
        headers: row.headers,
      }));
      const size = options.handleBatch ? (options.maxBatchSize ?? BATCH) : 1;
      for (let i = 0; i < messages.length && !closed; i += size) {
        const chunk = messages.slice(i, i + size);
        if (options.handleBatch) await options.handleBatch(chunk);
        else await options.handle(chunk[0]);
        next = BigInt(chunk[chunk.length - 1].offset) + 1n;
        await this.pool.query(
          `INSERT INTO ${SCHEMA}.consumer_position (group_id, topic, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (group_id, topic) DO UPDATE SET next_offset = EXCLUDED.next_offset`,
          [options.groupId, topic, next.toString()],
        );
      }
      return rows.length;
    };

    const loop = (async () => {
      let failures = 0;
      while (!closed) {
        pending = false;
        let delivered = 0;
        try {
          for (const topic of options.topics) delivered += await drainTopic(topic);
          failures = 0;
        } catch (e) {
          const wait = backoffMs(RETRY_POLICIES.transport, ++failures);
          log.warn({ error: (e as Error).message, attempt: failures, backoffMs: wait }, 'delivery failed; trying again');
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        if (delivered > 0 || pending || closed) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollInterval);
          wake = () => (clearTimeout(timer), resolve());
        });
        wake = undefined;
      }
    })();

    const subscription: Subscription = {
      close: async () => {
        closed = true;
        wake?.();
        this.subscriptions.delete(subscription);
        await loop;
        await listener?.end().catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.pool.end().catch(() => undefined);
  }
}
