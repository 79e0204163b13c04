import { readFileSync } from 'node:fs';

export function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return v === undefined ? dflt : Number(v);
}

export function report(bench: string, figures: Record<string, number | string>, targets: Record<string, string | number>): void {
  console.log(JSON.stringify({ bench, figures, targets }));
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * CPU time (user + system, ms) these processes have used so far, from /proc (Linux; a process
 * that is gone or unreadable counts 0). CPU per unit of work is steadier than a rate on a shared,
 * noisy machine: other tenants take wall time, not our CPU time.
 */
export function cpuMsOf(pids: number[], thread = false): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // thread: the process's main thread alone (its JavaScript), without GC helpers and workers.
      const fields = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
