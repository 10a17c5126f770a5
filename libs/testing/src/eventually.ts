/**
 * Waits for an asynchronous effect by asking again until it holds or the deadline passes;
 * never a fixed sleep. The last failure is rethrown, so the test says what was not reached.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20000);
  const interval = options.intervalMs ?? 100;
  for (;;) {
    try {
      return await probe();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
