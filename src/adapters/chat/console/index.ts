/**
 * @module adapters/chat/console — the embedded default when no chat token is set: alerts printed
 * to the terminal (core/format/console.ts), and `/trade …` typed on stdin answered there, so
 * `npm start` shows the product working without any account.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderAlert, renderDigest, renderFollowup, renderNotice, renderReply, type ConsoleStyle } from '../../../core/format/console.js';
import { oneLine } from '../../../core/format/text.js';
import type { ChatSink, CommandReply, CommandRequest, CommandSource, OutgoingMessage } from '../../../ports.js';

export interface ConsoleSinkOptions {
  out: Writable;
  /** ANSI colours; default: when `out` is a TTY. */
  color?: boolean;
  width?: number;
}

function styleFor(options: ConsoleSinkOptions): ConsoleStyle {
  const tty = (options.out as Writable & { isTTY?: boolean; columns?: number }).isTTY === true;
  const columns = (options.out as Writable & { columns?: number }).columns;
  return { color: options.color ?? tty, width: options.width ?? Math.min(100, columns ?? 96) };
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => out.write(`${text}\n`, (err) => (err ? reject(err) : resolve())));
}

export function renderConsoleMessage(message: OutgoingMessage, style: ConsoleStyle): string {
  switch (message.kind) {
    case 'alert':
      return renderAlert(message.alert, style);
    case 'followup':
      return renderFollowup(message.alert, message.outlet, style);
    case 'digest':
      return renderDigest(message.title, message.groups, style);
    case 'notice':
      return renderNotice(message.text, style);
  }
}

export function createConsoleSink(options: ConsoleSinkOptions): ChatSink {
  const style = styleFor(options);
  let counter = 0;
  return {
    platform: 'console',
    minIntervalMs: 0,
    async send(_destination, message) {
      await write(options.out, `${renderConsoleMessage(message, style)}\n`);
      counter += 1;
      return { messageId: `console-${counter}` };
    },
    async update(_destination, messageId, message) {
      if (message.kind !== 'alert') return;
      const outlets = message.alert.alsoReportedBy.map((o) => oneLine(o.source)).join(', ');
      await write(options.out, `  ↻ ${messageId} updated — also reported by ${outlets || 'no one else'}`);
    },
  };
}

export interface ConsoleCommandsOptions {
  input: Readable;
  out: Writable;
  color?: boolean;
  /** The console "channel" commands act on (subscriptions made here go to this destination). */
  channel?: string;
}

/** `/trade latest fx` (or just `latest fx`) typed on stdin; replies printed to `out`. */
export function createConsoleCommands(options: ConsoleCommandsOptions): CommandSource {
  const style = styleFor({ out: options.out, ...(options.color !== undefined ? { color: options.color } : {}) });
  let rl: ReturnType<typeof createInterface> | null = null;
  return {
    platform: 'console',
    async start(handle: (req: CommandRequest) => Promise<CommandReply>) {
      rl = createInterface({ input: options.input, terminal: false });
      rl.on('line', (line) => {
        const text = line.trim().replace(/^\/trade\b/, '').trim();
        if (!line.trim()) return;
        const space = text.search(/\s/);
        const sub = (space === -1 ? text : text.slice(0, space)).toLowerCase();
        const args = space === -1 ? '' : text.slice(space).trim();
        const req: CommandRequest = { platform: 'console', workspace: '', channel: options.channel ?? 'stdout', userId: 'console', userName: null, sub, args, canManage: true };
        void handle(req)
          .then((reply) => write(options.out, `${renderReply(reply, style)}\n`))
          .catch((err: unknown) => write(options.out, `error: ${err instanceof Error ? err.message : String(err)}`));
      });
    },
    async stop() {
      rl?.close();
      rl = null;
    },
  };
}
