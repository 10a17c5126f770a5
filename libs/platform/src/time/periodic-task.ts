import { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/service-metrics';

/**
 * A job a service runs every so often (deadline scheduler, compliance scheduler, MRA opening):
 * never two runs at once, a failure logged and retried at the next interval, and a stop that
 * waits for the run under way. The timer does not keep the process alive by itself.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly metrics?: ServiceMetrics,
  ) {}

  /** Runs every interval from now on; `immediately` also runs once now. */
  start(immediately = false): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    if (immediately) void this.runOnce();
  }

  /** One run, unless one is under way (then nothing). */
  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.run()
      .then(() => this.metrics?.schedulerRuns.inc({ task: this.name, outcome: 'ok' }))
      .catch((e) => {
        this.metrics?.schedulerRuns.inc({ task: this.name, outcome: 'failed' });
        this.logger.warn({ err: e }, `${this.name} failed; the next run retries`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.runOnce();
        }
      });
    await this.running;
  }

  /**
   * A run soon, without waiting for the interval: now, or right after the run under way (which
   * may have started before what the caller has just changed).
   */
  runSoon(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
