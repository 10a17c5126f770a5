import { Logger } from 'pino';

/**
 * A job a service runs every so often (deadline scheduler, compliance scheduler, MRA opening):
 * never two runs at once, a failure logged and retried at the next interval, and a stop that
 * waits for the run under way. The timer does not keep the process alive by itself.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
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
      .catch((e) => this.logger.warn({ err: e }, `${this.name} failed; the next run retries`))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
