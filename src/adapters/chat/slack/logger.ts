/**
 * @module adapters/chat/slack/logger — the Slack SDKs' Logger interface over our pino Log, so Bolt,
 * the WebClient and the Socket Mode client log through one redacting logger.
 */
import { LogLevel } from '@slack/bolt';
import type { Log } from '../../../ports.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function slackLogger(log: Log, initial: LogLevel = LogLevel.INFO) {
  let level = initial;
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const emit = (at: Level, atLevel: LogLevel, msgs: unknown[]): void => {
    if (order.indexOf(atLevel) < order.indexOf(level)) return;
    const text = msgs.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    log[at]({ sdk: 'slack' }, text);
  };
  return {
    debug: (...msgs: unknown[]) => emit('debug', LogLevel.DEBUG, msgs),
    info: (...msgs: unknown[]) => emit('info', LogLevel.INFO, msgs),
    warn: (...msgs: unknown[]) => emit('warn', LogLevel.WARN, msgs),
    error: (...msgs: unknown[]) => emit('error', LogLevel.ERROR, msgs),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
