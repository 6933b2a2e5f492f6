/**
 * @module cli/run — `tradewire run` (= `npm start`): the long-running bot. SIGTERM/SIGINT stop it
 * in order (cron, in-flight deliveries, chat clients, HTTP server, store); a second signal exits at
 * once.
 */
import { errorMessage, isTradewireError } from '../core/errors.js';
import { start } from '../main.js';
import { writeLine, type CliIO } from './io.js';

const USAGE = `usage: tradewire run [--config DIR]

Runs the bot: polls feeds on the cron schedule, posts alerts (Slack with SLACK_BOT_TOKEN, otherwise
the console), answers /trade, serves GET /healthz on PORT. Stop with Ctrl-C or SIGTERM.`;

export interface RunHooks {
  /** Resolves when the process should stop; default: the first SIGTERM or SIGINT. */
  until?: Promise<string>;
}

function firstSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      // A second signal during shutdown means "now".
      const force = (): void => process.exit(130);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export async function runBot(argv: string[], io: CliIO, hooks: RunHooks = {}): Promise<number> {
  let configDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      await writeLine(io.stdout, USAGE);
      return 0;
    }
    if (a === '--config' && argv[i + 1]) configDir = argv[++i];
    else if (a.startsWith('--config=')) configDir = a.slice('--config='.length);
    else {
      await writeLine(io.stderr, `tradewire run: unknown argument ${a}\n\n${USAGE}`);
      return 2;
    }
  }
  let running;
  try {
    running = await start({ ...(configDir ? { configDir } : {}), env: io.env, stdout: io.stdout, stdin: io.stdin });
  } catch (err) {
    const code = isTradewireError(err) ? ` [${err.code}]` : '';
    await writeLine(io.stderr, `tradewire run: ${errorMessage(err)}${code}`);
    return 1;
  }
  const signal = await (hooks.until ?? firstSignal());
  running.log.info({ signal }, 'shutting down');
  try {
    await running.stop();
    return 0;
  } catch (err) {
    await writeLine(io.stderr, `tradewire run: shutdown: ${errorMessage(err)}`);
    return 1;
  }
}

export default function run(argv: string[], io: CliIO): Promise<number> {
  return runBot(argv, io);
}
