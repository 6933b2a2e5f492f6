/**
 * @module log — the pino factory. JSON lines in production; pretty when stderr is a terminal
 * (and pino-pretty is installed, i.e. in development). Secrets are redacted by path.
 */
import { createRequire } from 'node:module';
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { redactDestination } from './adapters/chat/webhook/url.js';

export const REDACT_PATHS = [
  'token',
  '*.token',
  'secrets.*',
  'databaseUrl',
  '*.databaseUrl',
  'headers.authorization',
  '*.headers.authorization',
  'webhookUrl',
  '*.webhookUrl',
  // A webhook destination's channel is its URL, a secret: logged as https://…/webhooks/123/*** .
  'destination',
  '*.destination',
];

/** Destinations keep what identifies them minus any webhook token; every other path is blanked. */
function censor(value: unknown, path: string[]): unknown {
  return path.at(-1) === 'destination' ? redactDestination(value) : '[redacted]';
}

export interface LogOptions {
  level: LevelWithSilent;
  /** Force pretty output on or off; default: pretty when stderr is a TTY and pino-pretty is available. */
  pretty?: boolean;
  /** Where lines go (tests pass a stream); default stderr, so stdout stays clean for command output. */
  destination?: DestinationStream;
}

export function createLogger(options: LogOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACT_PATHS, censor }, base: { app: 'tradewire' } };
  if (options.destination) return pino(base, options.destination);
  const wantPretty = options.pretty ?? Boolean(process.stderr.isTTY);
  if (wantPretty && prettyAvailable()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(base, pino.destination({ dest: 2, sync: false }));
}

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
