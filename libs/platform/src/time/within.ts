/** Rejects when `promise` has not settled within `ms`; the promise goes on, its outcome ignored. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
