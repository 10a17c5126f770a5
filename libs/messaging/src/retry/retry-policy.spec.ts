import { backoffMs, retry, RETRY_POLICIES } from './retry-policy';

describe('the retry policy', () => {
  it('doubles the wait from the first failure and never goes past the cap', () => {
    const policy = { initialMs: 100, factor: 2, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6, 50].map((attempt) => backoffMs(policy, attempt))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(backoffMs(RETRY_POLICIES.handler, 1)).toBe(200);
    expect(backoffMs(RETRY_POLICIES.handler, 1e6)).toBe(5000);
  });

  it('tries until the work succeeds, waiting by the policy, and says each retry', async () => {
    const waits: number[] = [];
    const told: string[] = [];
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw new Error(`failure ${attempt}`);
        return 'done';
      },
      { initialMs: 10, factor: 3, maxMs: 50 },
      { sleep: async (ms) => void waits.push(ms), onRetry: (e, attempt, wait) => void told.push(`${(e as Error).message} #${attempt} ${wait}`) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(waits).toEqual([10, 30, 50]);
    expect(told).toEqual(['failure 1 #1 10', 'failure 2 #2 30', 'failure 3 #3 50']);
  });

  it('stops at once when told to give up, with the error that made it', async () => {
    const permanent = new Error('permanent');
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw calls < 3 ? new Error('transient') : permanent;
        },
        RETRY_POLICIES.transport,
        { sleep: async () => undefined, giveUp: (e) => e === permanent },
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(3);
  });
});
