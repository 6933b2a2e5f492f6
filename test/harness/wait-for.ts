/**
 * @module test/harness/wait-for — waits until a fake server's state satisfies a probe, re-checking
 * whenever the fake reports a change (no polling, no sleeps), failing after a timeout.
 */

export function waitFor<T>(listeners: Set<() => void>, probe: () => T | undefined | null | false, timeoutMs: number, who: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const v = probe();
      if (v === undefined || v === null || v === false) return false;
      cleanup();
      resolve(v);
      return true;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${who}: condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      listeners.delete(listener);
    };
    const listener = (): void => void check();
    listeners.add(listener);
    check();
  });
}
