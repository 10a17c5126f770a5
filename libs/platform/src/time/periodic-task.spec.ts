import { PeriodicTask } from './periodic-task';

describe('a periodic task', () => {
  it('never runs twice at once, logs a failure and runs again later', async () => {
    let runs = 0;
    let release!: () => void;
    const warnings: string[] = [];
    const task = new PeriodicTask('test job', 60_000, () => {
      runs++;
      if (runs === 2) return Promise.reject(new Error('database away'));
      return new Promise<void>((resolve) => (release = resolve));
    }, { warn: (_o: unknown, msg?: string) => void warnings.push(String(msg)) } as never);
    const first = task.runOnce();
    await task.runOnce(); // the first is still under way: nothing
    expect(runs).toBe(1);
    release();
    await first;
    await task.runOnce();
    expect(runs).toBe(2);
    expect(warnings).toEqual(['test job failed; the next run retries']);
    await task.stop();
  });
});

describe('a run asked for soon', () => {
  it('runs at once when idle, and once more after a run under way, however often it is asked', async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    const task = new PeriodicTask('test job', 60_000, () => {
      runs++;
      return new Promise<void>((resolve) => releases.push(resolve));
    }, { warn: () => undefined } as never);
    task.runSoon();
    expect(runs).toBe(1);
    task.runSoon(); // the first run may have started before the caller's change
    task.runSoon();
    expect(runs).toBe(1);
    releases[0]();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    releases[1]();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    await task.stop();
    task.runSoon();
    expect(runs).toBe(2);
  });
});
