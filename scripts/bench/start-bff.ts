/** Starts the real BFF (embedded database, demo data) in a child process for benchmarks and browser tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface StartedBff {
  url: string;
  /** The child's process id, also its process group (the BFF runs inside it). */
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A `taskset -c` core list to run the server on (bench/pinning.ts); all cores if absent. */
  cores?: string | null;
  /**
   * Run the production bundle (bff/dist, built by buildBffBundle) rather than the TypeScript
   * sources through tsx: what a benchmark of per-request costs should measure.
   */
  bundle?: boolean;
}

const root = join(import.meta.dirname, '..', '..');

/** Builds bff/dist/main.js as the production image does. */
export function buildBffBundle(): void {
  const built = spawnSync('pnpm', ['--filter', '@union/bff', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error('building the BFF bundle failed');
}

export async function startBff(env: Record<string, string> = {}, options: StartOptions = {}): Promise<StartedBff> {
  const { cores = null, bundle = false } = options;
  const command = ['pnpm', '--filter', '@union/bff', bundle ? 'start:prod' : 'start'];
  const [program, ...args] = cores ? ['taskset', '-c', cores, ...command] : command;
  const child: ChildProcess = spawn(program!, args, {
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
