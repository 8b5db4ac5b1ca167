/**
 * Another BFF instance on a test's database: the real server in a child process, as a second
 * machine behind the load balancer would run it. For tests of what several instances share
 * (rate limits, leases, indexes kept in sync).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import './provided-context';

export interface OtherInstance {
  url: string;
  /** The child's process id (a job lease names its holder by host and pid). */
  pid: number;
  stop(): Promise<void>;
  /** Sends the signal and resolves with how the process ended (SIGKILL: no shutdown at all). */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The URI of the database the in-process test API uses, as an operator would write it. */
export function currentDatabaseUri(): string {
  const address = new URL(inject('mongoUri'));
  address.pathname = `/${mongoose.connection.name}`;
  return address.toString();
}

/** The real server (src/main.ts) in a child process; `env` overrides the test defaults (database included). */
function spawnBff(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      MONGODB_URI: env.MONGODB_URI ?? currentDatabaseUri(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a BFF expected to refuse to start: resolves its exit code and everything it printed. */
export async function runRefusedInstance(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnBff(env);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  // 'close', not 'exit': everything printed has been read by then.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, output };
}

export async function startOtherInstance(env: Record<string, string> = {}): Promise<OtherInstance> {
  const child = spawnBff(env);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the other BFF did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /BFF_READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the other BFF exited (${code}):\n${output}`));
    });
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    url,
    pid: child.pid!,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return ended;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
