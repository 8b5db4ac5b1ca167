/**
 * Pins the server and the load generator to their own cores, so a throughput is the server's
 * alone and not a share of a core fought over with autocannon. Linux `taskset` (util-linux);
 * without it, or on one core, nothing is pinned and the benchmark says so.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const hasTaskset = () => spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

export interface CorePlan {
  /** Core list for the server (`taskset -c`), or null when not pinned. */
  server: string | null;
  /** Core list for this process (the load generator), or null. */
  load: string | null;
  describe: string;
}

export function planCores(): CorePlan {
  const cores = availableParallelism();
  if (cores < 2 || !hasTaskset()) {
    return {
      server: null,
      load: null,
      describe: `not pinned (${cores} core(s), taskset ${hasTaskset() ? 'present' : 'missing'})`,
    };
  }
  const load = cores > 2 ? `1-${cores - 1}` : '1';
  return { server: '0', load, describe: `server pinned to core 0, load generator to core(s) ${load}` };
}

/** Sets the cores of this process and all its threads; resolves a function that puts back all cores. */
export function pinThisProcess(cores: string | null): () => void {
  if (!cores) return () => {};
  const all = `0-${availableParallelism() - 1}`;
  const pin = (list: string) =>
    spawnSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' });
  pin(cores);
  return () => pin(all);
}
