/**
 * @module test/ops/run-child — `tradewire run` in a child process (the real CLI through tsx), on a
 * port found free beforehand, for tests that send it real signals or SIGKILL it. Its stderr is kept
 * so a failure shows what the bot said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunChild {
  process: ChildProcess;
  port: number;
  base: string;
  stderr(): string;
  /** What it printed on stdout (console alerts, the start-up lines). */
  stdout(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** Resolves once GET /healthz answers (the bot is up). */
  ready(timeoutMs?: number): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

export async function spawnRun(configDir: string, env: Record<string, string>): Promise<RunChild> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', '--config', configDir], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.on('data', (c: Buffer) => {
    err = (err + c.toString()).slice(-20_000);
  });
  child.stdout!.on('data', (c: Buffer) => {
    out = (out + c.toString()).slice(-20_000);
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const base = `http://127.0.0.1:${port}`;
  return {
    process: child,
    port,
    base,
    stderr: () => err,
    stdout: () => out,
    exited,
    async ready(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let gone = false;
      void exited.then(() => (gone = true));
      while (Date.now() < deadline && !gone) {
        const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`tradewire run did not come up on ${base}${gone ? ' (it exited)' : ''}:\n${err}`);
    },
  };
}

/** Kills what is still running (SIGKILL): for afterEach/afterAll. */
export function killAll(children: RunChild[]): Promise<unknown> {
  return Promise.all(
    children.map(async (c) => {
      if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
      await c.exited;
    }),
  );
}
