import { Client } from 'pg';
import { Logger } from 'pino';

export interface NotificationListenerOptions {
  url: string;
  /** The PostgreSQL channel (LISTEN name): lower-case letters, digits and underscores. */
  channel: string;
  /** Each notification's payload, in the order PostgreSQL delivers them (commit order). */
  onNotification: (payload: string) => void;
  /**
   * Called when notifications may have been missed: the connection was lost (and, once more, when
   * it listens again). What was derived from earlier notifications must be dropped.
   */
  onGap: () => void;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** How often the idle connection is checked with a query (a connection gone quiet is not always closed). */
  checkEveryMs?: number;
  /** Waits between attempts to listen again, doubling up to the last. */
  retryMs?: [number, number];
}

/**
 * One connection that LISTENs on a PostgreSQL channel, for a cache another instance's writes must
 * clear: `listening` says whether every notification since the last gap has been seen. A lost
 * connection is a gap (reported at once) and is opened again with a growing wait; a check query
 * now and then finds a connection that died without closing.
 */
export class NotificationListener {
  private client?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private check?: NodeJS.Timeout;
  private failures = 0;
  private live = false;

  constructor(private readonly options: NotificationListenerOptions) {
    if (!/^[a-z0-9_]+$/.test(options.channel)) throw new Error(`bad channel name ${options.channel}`);
  }

  /** Whether the channel is being listened to now, with nothing missed since the last gap. */
  get listening(): boolean {
    return this.live;
  }

  /** Listens; resolves once listening, or after the first failure (the listener keeps trying). */
  async start(): Promise<void> {
    await this.connect();
    const every = this.options.checkEveryMs ?? 30_000;
    this.check = setInterval(() => {
      if (this.live) void this.client?.query('SELECT 1').catch((e: Error) => this.lost(e.message));
    }, every);
    this.check.unref();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // Named, for pg_stat_activity (and the tests that end its connection).
    const client = new Client({ connectionString: this.options.url, keepAlive: true, application_name: `listen ${this.options.channel}` });
    this.client = client;
    client.on('notification', (n) => {
      if (client === this.client && this.live) this.options.onNotification(n.payload ?? '');
    });
    client.on('error', (e) => this.lost(e.message, client));
    client.on('end', () => this.lost('connection ended', client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      if (client !== this.client || this.closed) return;
      this.failures = 0;
      // Anything written while no one listened is unknown here: a gap, then everything is seen.
      this.options.onGap();
      this.live = true;
    } catch (e) {
      this.lost((e as Error).message, client);
    }
  }

  private lost(why: string, client = this.client): void {
    if (client !== this.client || this.closed) return;
    const wasLive = this.live;
    this.live = false;
    this.client = undefined;
    void client?.end().catch(() => undefined);
    this.options.onGap();
    const [first, most] = this.options.retryMs ?? [500, 10_000];
    const wait = Math.min(most, first * 2 ** this.failures++);
    if (wasLive || this.failures === 1) this.options.logger.warn({ channel: this.options.channel, error: why, retryInMs: wait }, 'stopped listening for notifications; listening again soon');
    this.retry = setTimeout(() => void this.connect(), wait);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    clearInterval(this.check);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
