/**
 * @module flows/deliver/pacing — per-destination spacing and a cap on concurrent sends.
 *
 * Pacing is what keeps 429s rare: after a message to a channel, the next one waits the sink's
 * `minIntervalMs` (Slack: ~1 s per channel), measured from when the previous send *finished*, so
 * the platform never sees two arrivals closer than the interval. A 429 pushes the mark further.
 * Waiting for pace holds no send slot, so one slow or limited channel never stalls the others.
 */

export interface Pacer {
  /** Epoch ms before which nothing may be sent to `key`. */
  notBefore(key: string): number;
  /** Records that `key` may next be sent to at `atMs` (never moves the mark backwards). */
  holdUntil(key: string, atMs: number): void;
}

export function createPacer(): Pacer {
  const marks = new Map<string, number>();
  return {
    notBefore: (key) => marks.get(key) ?? 0,
    holdUntil: (key, atMs) => {
      if (atMs > (marks.get(key) ?? 0)) marks.set(key, atMs);
    },
  };
}

/** A counting semaphore: at most `permits` holders at once, FIFO. */
export interface Slots {
  acquire(): Promise<() => void>;
  inUse(): number;
}

export function createSlots(permits: number): Slots {
  let used = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else used -= 1;
  };
  return {
    inUse: () => used,
    acquire: () =>
      new Promise((resolve) => {
        const grant = (): void => resolve(once(release));
        if (used < permits) {
          used += 1;
          grant();
        } else waiting.push(grant);
      }),
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * Timers that shutdown can cut short all at once (resolving, not rejecting). Plain callbacks, not
 * an AbortSignal: hundreds of channels waiting for pace would trip Node's listener-leak warning.
 */
export interface Waits {
  sleep(ms: number): Promise<void>;
  cancelAll(): void;
  readonly cancelled: boolean;
}

export function createWaits(): Waits {
  const pending = new Set<() => void>();
  let cancelled = false;
  return {
    sleep(ms) {
      if (ms <= 0 || cancelled) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          pending.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
      });
    },
    cancelAll() {
      cancelled = true;
      for (const done of [...pending]) done();
    },
    get cancelled() {
      return cancelled;
    },
  };
}

/** A plain timer as a promise. */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
