/**
 * The one retry policy of the messaging layer: exponential backoff from `initialMs`, multiplied
 * by `factor` at each try, never above `maxMs`. The consumer, the dead letter, the outbox relay
 * and both transports wait by it; each names its own numbers below, in one place.
 */
export interface RetryPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

export const RETRY_POLICIES = {
  /** A handler that failed on an unexpected or infrastructure error. */
  handler: { initialMs: 200, factor: 2, maxMs: 5000 },
  /** Storing a dead letter: the source message is not passed over until it is stored. */
  deadLetter: { initialMs: 200, factor: 2, maxMs: 5000 },
  /** An outbox row the broker did not take: its next attempt is due after this long. */
  relay: { initialMs: 200, factor: 2, maxMs: 5000 },
  /** A transient broker or database error inside a transport (metadata not ready, leader moving). */
  transport: { initialMs: 100, factor: 2, maxMs: 2000 },
} satisfies Record<string, RetryPolicy>;

/** How long to wait after failed try number `attempt` (1 for the first). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.min(exponent, 30));
}

export interface RetryOptions {
  /** True to stop trying and throw this error (a permanent one, too many tries, shutting down...). */
  giveUp?: (error: unknown, attempt: number) => boolean;
  /** Told before each wait. */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
  /** How to wait (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` until it succeeds or `giveUp` says to stop, waiting by the policy between tries. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, options: RetryOptions = {}): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (options.giveUp?.(e, attempt)) throw e;
      const wait = backoffMs(policy, attempt);
      options.onRetry?.(e, attempt, wait);
      await sleep(wait);
    }
  }
}
