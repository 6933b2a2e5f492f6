/**
 * @module cli/run — `tradewire run` (= `npm start`): the long-running bot. SIGTERM/SIGINT stop it
 * in order (cron, in-flight deliveries, chat clients, HTTP server, store); a second signal exits at
 * once. The handlers are installed before start-up, so a signal while starting stops what was
 * started and exits 0; a shutdown that overruns its budget exits 1 before Docker's 10 s SIGKILL.
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

/** Longest shutdown (start-up clean-up included) before the process exits anyway: under Docker's 10 s grace. */
export const SHUTDOWN_BUDGET_MS = 9_000;

/** Exits with 1 if the shutdown has not finished within the budget (a stuck socket, a hung driver). */
function exitAfterBudget(io: CliIO): void {
  setTimeout(() => {
    io.stderr.write(`tradewire run: shutdown did not finish within ${SHUTDOWN_BUDGET_MS / 1000}s; exiting\n`, () => process.exit(1));
  }, SHUTDOWN_BUDGET_MS).unref();
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

/**
 * After a signal, everything tradewire holds is closed; a platform SDK request it cannot cancel (a
 * Discord login or Slack auth.test hanging on an unreachable host) must not keep the process alive
 * until its own timeout. Only with real signals: a test's process is not ours to end.
 */
function exitSoon(io: CliIO, hooks: RunHooks, code: number): number {
  if (!hooks.until) {
    setTimeout(() => {
      io.stderr.write('tradewire run: stopped; a platform request still in flight is abandoned\n', () => process.exit(code));
    }, 1_000).unref();
  }
  return code;
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
  // Before start-up: a signal while connecting must stop cleanly, not kill the process.
  const until = hooks.until ?? firstSignal();
  const startup = new AbortController();
  let signal: string | null = null;
  void until.then((s) => {
    signal = s;
    startup.abort(s);
    if (!hooks.until) exitAfterBudget(io); // a real signal: this process is ours to end
  });
  let running;
  try {
    running = await start({ ...(configDir ? { configDir } : {}), env: io.env, stdout: io.stdout, stdin: io.stdin, signal: startup.signal });
  } catch (err) {
    if (isTradewireError(err, 'start_aborted')) return exitSoon(io, hooks, 0); // start() closed what it had started
    const code = isTradewireError(err) ? ` [${err.code}]` : '';
    await writeLine(io.stderr, `tradewire run: ${errorMessage(err)}${code}`);
    return 1;
  }
  await until;
  running.log.info({ signal }, 'shutting down');
  try {
    await running.stop();
    return exitSoon(io, hooks, 0);
  } catch (err) {
    await writeLine(io.stderr, `tradewire run: shutdown: ${errorMessage(err)}`);
    return exitSoon(io, hooks, 1);
  }
}

export default function run(argv: string[], io: CliIO): Promise<number> {
  return runBot(argv, io);
}
