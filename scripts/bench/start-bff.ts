/** Starts the real BFF (embedded database, demo data) in a child process for benchmarks and browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface StartedBff {
  url: string;
  /** The child's process id, also its process group (the BFF runs inside it). */
  pid: number;
  stop(): Promise<void>;
}

export async function startBff(env: Record<string, string> = {}): Promise<StartedBff> {
  const root = join(import.meta.dirname, '..', '..');
  const child: ChildProcess = spawn('pnpm', ['--filter', '@union/bff', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', SEED_DEMO_DATA: 'true', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`BFF did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /BFF_READY (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`BFF exited (${code}):\n${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    },
  };
}
