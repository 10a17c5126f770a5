import { within } from '@aeo/platform';
import { Logger } from 'pino';

/** How long a replacement's steps may take: a stop that hangs is left behind, a start that hangs counts as failed. */
export interface ReplacementLimits {
  stopMs: number;
  startMs: number;
}

export interface ReplacementReason {
  why: string;
  detail: Record<string, unknown>;
}

/**
 * Replaces a Kafka consumer that crashed, stalled or never joined its group, one replacement at a
 * time. A reason that comes while a replacement is under way is not dropped: the consumer being
 * started may itself crash while it joins (kafkajs then reports the crash and its run() returns as
 * if it had started), or fail to start at all (a broker away); either way another replacement
 * follows once this one is done. Before this, such a crash was ignored and the consumer stayed
 * dead: a partner that received nothing after a broker died. Neither step may hold the
 * replacements up for ever: stopping the old consumer (kafkajs waits for its batch under way) is
 * given up after `limits.stopMs`, and a start that has not finished within `limits.startMs` counts
 * as failed and is tried again (the consumer it may still bring up stops itself, no longer current).
 */
export class ConsumerReplacement {
  private replacing = false;
  private closed = false;
  private pending?: ReplacementReason;
  private running?: Promise<void>;

  constructor(
    private readonly steps: { stop: () => Promise<void>; start: () => Promise<void> },
    private readonly log: Logger,
    private readonly delayMs = 1000,
    private readonly limits: ReplacementLimits = { stopMs: 15_000, startMs: 60_000 },
  ) {}

  /** Whether a replacement is under way. */
  get busy(): boolean {
    return this.replacing;
  }

  request(why: string, detail: Record<string, unknown>): void {
    if (this.closed) return;
    if (this.replacing) {
      this.pending = { why, detail };
      return;
    }
    this.replacing = true;
    this.log.warn(detail, `consumer ${why}; starting a new one`);
    this.running = new Promise<void>((resolve) => setTimeout(resolve, this.delayMs))
      .then(() => within(this.steps.stop(), this.limits.stopMs, 'stopping the consumer').catch((e: Error) => this.log.warn({ error: e.message }, 'old consumer left behind')))
      .then(() => (this.closed ? undefined : within(this.steps.start(), this.limits.startMs, 'starting a consumer')))
      .catch((e: Error) => {
        this.log.error({ error: e.message }, 'could not restart consumer; trying again');
        this.pending ??= { why: 'could not be restarted', detail: { error: e.message } };
      })
      .finally(() => {
        this.replacing = false;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.request(next.why, next.detail);
      });
  }

  /** Resolves when no replacement is under way (tests). */
  async settled(): Promise<void> {
    while (this.running) {
      const running = this.running;
      await running;
      if (this.running === running) return;
    }
  }

  close(): void {
    this.closed = true;
  }
}
