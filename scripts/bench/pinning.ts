/**
 * Pins the server and the load generator to their own cores, so a throughput is the server's
 * alone and not a share of a core fought over with autocannon. Linux `taskset` (util-linux);
 * without it, or on one core, nothing is pinned and the benchmark says so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** The cores of a `taskset -c` list such as `0` or `1-3`. */
function coresOf(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/** [busy, total] jiffies of the cores, from /proc/stat (Linux); null where it cannot be read. */
function jiffies(cores: number[]): [number, number] | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  let busy = 0;
  let total = 0;
  for (const core of cores) {
    const line = new RegExp(`^cpu${core} (.*)$`, 'm').exec(stat);
    if (!line) return null;
    const [user, nice, system, idle, iowait, ...rest] = line[1]!.trim().split(/\s+/).map(Number);
    const all = [user, nice, system, idle, iowait, ...rest].reduce((sum, value) => sum! + value!, 0)!;
    total += all;
    busy += all - idle! - iowait!;
  }
  return [busy, total];
}

/**
 * Starts measuring how busy some cores are; the function returned gives the busy percentage
 * since then (null when not pinned or not on Linux). A fair throughput figure has the
 * server's core at ~100 % and the load generator's below it: the server is the limit.
 */
export function measureCores(list: string | null): () => number | null {
  const cores = list ? coresOf(list) : [];
  const start = cores.length ? jiffies(cores) : null;
  return () => {
    const end = start ? jiffies(cores) : null;
    if (!start || !end || end[1] === start[1]) return null;
    return Math.round((100 * (end[0] - start[0])) / (end[1] - start[1]));
  };
}
