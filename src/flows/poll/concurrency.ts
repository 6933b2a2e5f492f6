/**
 * @module flows/poll/concurrency — a serial section and a bounded worker pool, without timers.
 */

/** Runs the given async sections one at a time, in call order; a failure does not block later ones. */
export function createSerial(): <T>(section: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(section: () => Promise<T>): Promise<T> => {
    const run = tail.then(section, section);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Runs `work` over items from `next` with at most `workers` in flight; `next` returns null when
 * there is nothing more. Waits for every worker to settle, then rethrows the first error of `next`
 * (a worker's own errors are `work`'s to handle).
 */
export async function runPool<T>(workers: number, next: () => Promise<T | null>, work: (item: T) => Promise<void>): Promise<void> {
  let failure: { err: unknown } | null = null;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure) return;
      let item: T | null;
      try {
        item = await next();
      } catch (err) {
        failure ??= { err };
        return;
      }
      if (item === null) return;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  if (failure) throw (failure as { err: unknown }).err;
}

/** Maps with at most `limit` calls in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < items.length) {
      const index = i++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
