/**
 * @module core/errors — errors that carry a stable code and the offending input.
 *
 * Callers branch on `code`, never on message text (bolt-js `CodedError`). The message names the
 * room (`config:`, `rules:`, `feeds:`, `store:`, `slack:` …) and what was wrong.
 */

export class TradewireError extends Error {
  readonly code: string;
  /** The input that caused the error (a file name, a rule, a URL …), when there is one. */
  readonly input: unknown;

  constructor(code: string, message: string, options: { cause?: unknown; input?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TradewireError';
    this.code = code;
    this.input = options.input;
  }
}

export function isTradewireError(err: unknown, code?: string): err is TradewireError {
  return err instanceof TradewireError && (code === undefined || err.code === code);
}

/** Wraps anything thrown into a TradewireError once, at an adapter's edge. */
export function asTradewireError(err: unknown, code: string, message: string): TradewireError {
  if (err instanceof TradewireError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new TradewireError(code, `${message}: ${detail}`, { cause: err });
}

/** The message of anything thrown, for logs and stored error fields. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
