/**
 * @module adapters/feeds/limits — how many fetches run at once: a global limit (poll.concurrency)
 * and one per host name (poll.perHostConcurrency), so one slow site cannot take every slot and no
 * site sees more than a couple of connections from us.
 */

export interface Semaphore {
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly waiting: number;
}

export function createSemaphore(limit: number): Semaphore {
  let active = 0;
  const queue: { grant: () => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];
  const release = (): void => {
    active--;
    const next = queue.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.grant();
    }
  };
  const once = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < limit) {
        active++;
        return Promise.resolve(once());
      }
      return new Promise((resolve, reject) => {
        const entry = {
          signal,
          grant: () => {
            active++;
            resolve(once());
          },
          onAbort: () => {
            const i = queue.indexOf(entry);
            if (i >= 0) queue.splice(i, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', entry.onAbort, { once: true });
        queue.push(entry);
      });
    },
  };
}

/** One semaphore per key (host name), dropped when idle so the map does not grow without bound. */
export function createKeyedSemaphore(limit: number): { acquire(key: string, signal?: AbortSignal): Promise<() => void> } {
  const byKey = new Map<string, Semaphore>();
  return {
    async acquire(key, signal) {
      let sem = byKey.get(key);
      if (!sem) {
        sem = createSemaphore(limit);
        byKey.set(key, sem);
      }
      const held = sem;
      const release = await held.acquire(signal);
      return () => {
        release();
        if (held.active === 0 && held.waiting === 0 && byKey.get(key) === held) byKey.delete(key);
      };
    },
  };
}

/**
 * Fetch slots: the host's slot first, then a global one. In that order a request waiting for a
 * busy host holds nothing the other hosts need (the other way round, one host with many feeds would
 * sit on every global slot while it waits for its own). Resolves with one release for both.
 */
export function createFetchSlots(concurrency: number, perHostConcurrency: number): (host: string, signal?: AbortSignal) => Promise<() => void> {
  const global = createSemaphore(concurrency);
  const perHost = createKeyedSemaphore(perHostConcurrency);
  return async (host, signal) => {
    const releaseHost = await perHost.acquire(host, signal);
    try {
      const releaseGlobal = await global.acquire(signal);
      return () => {
        releaseGlobal();
        releaseHost();
      };
    } catch (err) {
      releaseHost();
      throw err;
    }
  };
}
