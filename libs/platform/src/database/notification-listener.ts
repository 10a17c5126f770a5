import { Client } from 'pg';
import { Logger } from 'pino';
import { within } from '../time/within';

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
 * connection is a gap (reported at once) and is opened again with a growing wait. A check query
 * every `checkEveryMs`, which must answer within a tenth of that (5 s at most), finds a connection
 * that died without closing (TCP keepalive after 10 s of silence backs it up).
 */
export class NotificationListener {
  private client?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private check?: NodeJS.Timeout;
  private checking = false;
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
    this.check = setInterval(() => void this.checkConnection(Math.min(5000, every / 10)), every);
    this.check.unref();
  }

  private async checkConnection(timeoutMs: number): Promise<void> {
    const client = this.client;
    if (!this.live || !client || this.checking) return;
    this.checking = true;
    try {
      await within(client.query('SELECT 1'), timeoutMs, 'the check');
    } catch (e) {
      this.lost((e as Error).message, client);
    } finally {
      this.checking = false;
    }
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.live = false;
    // Named, for pg_stat_activity (and the tests that end its connection).
    const client = new Client({
      connectionString: this.options.url,
      application_name: `listen ${this.options.channel}`,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.client = client;
    client.on('notification', (n) => {
      if (client === this.client && this.live) this.options.onNotification(n.payload ?? '');
    });
    client.on('error', (e) => this.lost(e.message, client));
    client.on('end', () => this.lost('connection ended', client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      if (client !== this.client || this.closed) {
        void client.end().catch(() => undefined);
        return;
      }
      this.failures = 0;
      // Anything written while no one listened is unknown here: a gap, then everything is seen.
      this.options.onGap();
      this.live = true;
    } catch (e) {
      this.lost((e as Error).message, client);
    }
  }

  /** `client` lost (only the current one counts: a client already given up reports nothing more). */
  private lost(why: string, client: Client): void {
    if (client !== this.client || this.closed) return;
    const wasLive = this.live;
    this.live = false;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.options.onGap();
    const [first, most] = this.options.retryMs ?? [500, 10_000];
    const wait = Math.min(most, first * 2 ** this.failures++);
    if (wasLive || this.failures === 1) this.options.logger.warn({ channel: this.options.channel, error: why, retryInMs: wait }, 'stopped listening for notifications; listening again soon');
    clearTimeout(this.retry);
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
