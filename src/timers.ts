/**
 * @module timers — the one promise timer of the adapters and the composition root (flows keep theirs
 * in flows/deliver/pacing.ts: they import only core/ and ports.ts). Timers here never hold the
 * process open: a shutdown must not wait for a budget that nothing needs any more.
 */

/** Resolves after `ms` (unref'd). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Waits for `work`, at most `ms` (a cleared, unref'd timer); a rejection of `work` in time is thrown. */
export async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
