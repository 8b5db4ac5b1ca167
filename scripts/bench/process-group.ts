/**
 * What a started BFF's processes use, read from /proc: the BFF runs in a process group of its
 * own (start-bff.ts), with the embedded database (jongodb) as one more process in it. Its CPU is
 * told apart from the BFF's, so an endpoint whose throughput is the database's still shows what
 * the BFF's own code costs per request.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The embedded database's process name (its binary). */
const DATABASE_COMMAND = 'jongodb';
/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface GroupProcess {
  pid: string;
  command: string;
  /** /proc/<pid>/stat's fields after the command, from field 3 (state) on. */
  fields: string[];
}

/** A /proc/<pid>/stat line's fields after the command (which may hold spaces), from field 3 on. */
const fieldsAfterCommand = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

function groupProcesses(processGroup: number): GroupProcess[] {
  const found: GroupProcess[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = fieldsAfterCommand(stat);
      if (Number(fields[2]) === processGroup) found.push({ pid, command, fields }); // field 5: the group
    } catch {
      // the process exited while being read
    }
  }
  return found;
}

/** Resident memory of the largest process in the group (the Node server itself), in MB. */
export function bffRssMegabytes(processGroup: number): number {
  let largest = 0;
  for (const { pid } of groupProcesses(processGroup)) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) largest = Math.max(largest, Number(rss[1]) / 1024);
    } catch {
      // the process exited while being read
    }
  }
  return Math.round(largest);
}

export interface GroupCpu {
  /** CPU seconds (user and system) of the BFF: every process of the group but the database. */
  bff: number;
  /** CPU seconds of the embedded database; 0 with an external one. */
  database: number;
}

/** CPU seconds the group's processes have used since they started. */
export function groupCpuSeconds(processGroup: number): GroupCpu {
  const cpu: GroupCpu = { bff: 0, database: 0 };
  for (const { command, fields } of groupProcesses(processGroup)) {
    // utime and stime: fields 14 and 15 of stat, 11 and 12 of what follows the command.
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    if (command === DATABASE_COMMAND) cpu.database += seconds;
    else cpu.bff += seconds;
  }
  return cpu;
}

/** This process's own group: where an embedded database this process started runs. */
export function ownProcessGroup(): number {
  return Number(fieldsAfterCommand(readFileSync('/proc/self/stat', 'utf8'))[2]);
}
